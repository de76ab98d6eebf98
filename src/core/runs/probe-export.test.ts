// The probe table (runs/metrics.ts) on a real trainer's probe reports: one row per probe and
// report, every field of the report in its column, and the history bounded by thinning.
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeBackend } from '../../node/backend';
import type { Dataset } from '../data/dataset';
import { defaultConfig } from '../train/config';
import { randomTeacher, smallEmbedded } from '../train/fixtures.test-util';
import type { ProbeReport } from '../train/report';
import { RunLog, thin } from './run-log';
import { Trainer } from '../train/trainer';
import { logFromJson } from './run-log-json';
import { f32, probeColumns, probeCsv, probeSeries } from './metrics';

let data: Dataset;
let reports: ProbeReport[];
let hints: string[];

beforeAll(async () => {
  await startNodeBackend('wasm');
  data = await smallEmbedded(256, 50);
  const t = await Trainer.create({ config: defaultConfig({ cold: { method: 'hkd', batchSize: 8, metaBatchSize: 8, probeCount: 6 } }), dataset: data, teacher: randomTeacher() });
  reports = [];
  for (let i = 0; i < 3; i++) {
    await t.step();
    await t.step();
    reports.push(await t.probes());
  }
  hints = t.hints;
  t.dispose();
}, 120_000);

describe('probe exports', () => {
  it('write one row per probe and report with the report’s v, ṽ, losses and prediction', () => {
    const s = new RunLog([]);
    for (const r of reports) s.addProbes(r);
    expect(hints.length).toBeGreaterThan(1);
    const names = data.classNames;
    const text = probeCsv(s.probes, hints, names);
    const rows = Papa.parse<string[]>(text.trim(), { newline: '\r\n' }).data;
    expect(rows[0]).toEqual(probeColumns(hints, { names: true, vtStep: true }));
    expect(rows[0]).toEqual(expect.arrayContaining(['v.kd', 'vt.kd', 'loss.ce', 'loss.kd', 'pred', 'vt.step']));
    expect(rows).toHaveLength(1 + 3 * 6);
    const col = (c: string) => rows[0].indexOf(c);
    const k = hints.length;
    // The last report's fourth probe, field by field.
    const r = reports[2];
    const row = rows[1 + 2 * 6 + 3];
    expect(Number(row[col('step')])).toBe(r.step);
    expect(Number(row[col('index')])).toBe(r.indices[3]);
    expect(Number(row[col('label')])).toBe(r.labels[3]);
    expect(row[col('label.name')]).toBe(names[r.labels[3]]);
    expect(Number(row[col('pred')])).toBe(r.preds[3]);
    expect(Number(row[col('vt.step')])).toBe(r.vtStep[3]);
    hints.forEach((h, j) => {
      expect(Number(row[col(`v.${h}`)])).toBeCloseTo(r.v[3 * k + j], 6);
      expect(Number(row[col(`vt.${h}`)])).toBeCloseTo(r.vt[3 * k + j], 6);
      expect(Number(row[col(`loss.${h}`)])).toBeCloseTo(r.losses[3 * (1 + k) + 1 + j], 5);
    });
    expect(Number(row[col('loss.ce')])).toBeCloseTo(r.losses[3 * (1 + k)], 5);
    // Steps move on between reports; v is a real weight, not a placeholder.
    expect(new Set(rows.slice(1).map((x) => x[col('step')])).size).toBe(3);
    expect(rows.slice(1).some((x) => Number(x[col(`v.${hints[0]}`)]) !== 1)).toBe(true);
  });

  it('leave out the names and ṽ-step columns the reports do not hold', () => {
    const s = new RunLog([]);
    s.addProbes(reports[0]);
    const { vtStep: _, ...page } = s.probes[0];
    const cols = probeSeries([page], hints);
    expect(Object.keys(cols)).toEqual(probeColumns(hints, { names: false, vtStep: false }));
    expect(cols.step).toHaveLength(6);
  });

  it('keep a bounded history that still spans the run, newest kept', () => {
    const s = new RunLog([]);
    for (let i = 0; i < 9; i++) s.addProbes({ ...reports[i % 3], step: i }, 4);
    expect(s.probes.length).toBeLessThanOrEqual(4);
    expect(s.probes[s.probes.length - 1].step).toBe(8);
    expect(s.probes[0].step).toBeLessThan(4);
    expect(thin([1, 2, 3], 3)).toEqual([1, 2, 3]);
    expect(thin([1, 2, 3, 4, 5], 4)).toEqual([1, 3, 5]);
    // A series saved before probes were recorded has none: recording starts one.
    const old = logFromJson({ steps: { step: [0] }, hist: [], evals: [] });
    old.addProbes(reports[0]);
    expect(old.probes).toHaveLength(1);
  });
});

describe('f32', () => {
  it('writes a float32 as its shortest decimal, and that reads back as the same float32', () => {
    expect(f32(Math.fround(0.3))).toBe(0.3);
    expect(f32(Math.fround(20.3))).toBe(20.3);
    expect(f32(Math.fround(1 / 3))).toBe(0.33333334);
    for (const x of [Math.fround(Math.PI), Math.fround(1e-7 / 3), Math.fround(123456.789)]) expect(Math.fround(f32(x))).toBe(x);
    expect(f32(NaN)).toBeNaN();
  });
});
