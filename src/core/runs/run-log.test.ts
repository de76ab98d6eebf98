import { describe, expect, it } from 'vitest';
import { HIST_BINS, type StepReport } from '../train/report';
import { HIST_LEN, LOG_COLUMNS, NCOLS, RunLog, chunkColumn, chunkOfReports, columnsFor } from './run-log';
import { logFromJson, logToJson } from './run-log-json';
import { chunkFrom } from './run-log.test-util';

const report = (step: number): StepReport => ({
  step, epoch: 1, losses: { total: 3 - step / 10, ce: 1, kd: 0.5, at: 0.25 }, metaLoss: step % 2 ? undefined : 0.7, trainAcc: 0.4, hints: ['kd', 'at'],
  meanV: [1, 2], meanVt: [1.5, 2.5], meanVRaw: [0.9, 1.9], hist: Float32Array.from({ length: 2 * HIST_BINS }, (_, i) => step * 100 + i), lr: 0.05, stepMs: 7, metaStep: false,
});

describe('run log', () => {
  it('a chunk of reports holds every column by name, NaN where a term does not apply, histograms in their hint slots', () => {
    const c = chunkOfReports(2, [report(0), report(1)]);
    expect([c.runId, c.length, c.values.length, c.hist.length]).toEqual([2, 2, 2 * NCOLS, 2 * HIST_LEN]);
    expect(Array.from(chunkColumn(c, 'step'))).toEqual([0, 1]);
    expect(Array.from(chunkColumn(c, 'loss.total'))).toEqual([3, 2.9]);
    expect(Array.from(chunkColumn(c, 'loss.meta'))).toEqual([0.7, NaN]);
    expect(Array.from(chunkColumn(c, 'vt.at'))).toEqual([2.5, 2.5]);
    expect(Array.from(chunkColumn(c, 'raw.kd'))).toEqual([0.9, 0.9]);
    expect(Array.from(chunkColumn(c, 'loss.fitnet'))).toEqual([NaN, NaN]);
    // Row 1: kd in slot 0, fitnet (slot 1) zeros, at in slot 2.
    expect(c.hist[HIST_LEN + 3]).toBe(103);
    expect(c.hist[HIST_LEN + HIST_BINS + 3]).toBe(0);
    expect(c.hist[HIST_LEN + 2 * HIST_BINS + 3]).toBe(100 + HIST_BINS + 3);
    expect(() => chunkColumn(c, 'loss.nope' as never)).toThrow(/no column "loss\.nope"/);
  });

  it('a report appended in place after a truncation leaves nothing of the dropped row behind', () => {
    const log = new RunLog(['kd', 'at']);
    for (let i = 0; i < 300; i++) log.appendReport(report(i));
    log.truncateFromStep(299);
    // Row 299 held loss.meta = NaN (odd step) and kd/at histograms; this one has no hints at all.
    log.appendReport({ ...report(300), losses: { total: 1, ce: 1 }, hints: [], meanV: [], meanVt: [], meanVRaw: [], hist: new Float32Array(0) });
    expect(log.length).toBe(300);
    expect(log.column('step')[299]).toBe(300);
    expect(log.column('loss.meta')[299]).toBe(0.7);
    expect(log.column('loss.kd')[299]).toBeNaN();
    expect(log.column('vt.at')[299]).toBeNaN();
    expect(Array.from(log.hist.subarray(299 * HIST_LEN)).every((x) => x === 0)).toBe(true);
    expect(log.column('loss.total')[298]).toBeCloseTo(3 - 29.8);
  });

  it('appends chunks past its capacity, reads columns and rows, slices chunks and truncates from a step', () => {
    const log = new RunLog(['kd']);
    for (let at = 0; at < 1000; at += 100) log.append(chunkFrom(0, 100, { step: (i) => i, 'loss.ce': (i) => i / 2 }, at));
    expect(log.length).toBe(1000);
    expect(log.column('loss.ce')[999]).toBe(499.5);
    expect(log.columns()).toEqual(columnsFor(['kd']));
    expect(log.columns()).not.toContain('loss.at');
    expect([...log.rows()][3]).toMatchObject({ step: 3, 'loss.ce': 1.5 });
    const part = log.chunk(5, 990);
    expect([part.runId, part.length]).toEqual([5, 10]);
    expect(Array.from(chunkColumn(part, 'step'))).toEqual(Array.from({ length: 10 }, (_, i) => 990 + i));
    const g = log.generation;
    log.truncateFromStep(1000);
    expect([log.length, log.generation]).toEqual([1000, g]);
    log.truncateFromStep(400);
    expect([log.length, log.generation]).toEqual([400, g + 1]);
    log.append(chunkFrom(0, 1, { step: () => 400 }));
    expect(log.column('step')[400]).toBe(400);
    expect(() => log.append({ runId: 0, length: 2, values: new Float64Array(NCOLS), hist: new Float32Array(2 * HIST_LEN) })).toThrow(/2 rows needs/);
  });

  it('writes the plain-columns shape files hold and reads it back, histograms per hint in the run\'s order', () => {
    const log = new RunLog(['kd', 'at']);
    log.append(chunkOfReports(0, [0, 1, 2].map(report)));
    log.addEval({ step: 3, testAcc: 0.5, testLoss: 1, valAcc: NaN, valLoss: NaN, teacherAcc: 0.9, perClassAcc: Float32Array.from([0.25, 0.75]) });
    const json = logToJson(log);
    expect(Object.keys(json.steps)).toEqual(columnsFor(['kd', 'at']));
    expect(json.hist[1]).toHaveLength(2 * HIST_BINS);
    expect(json.hist[1][HIST_BINS + 3]).toBe(100 + HIST_BINS + 3);
    const back = logFromJson(JSON.parse(JSON.stringify(json)));
    expect(back.hints).toEqual(['kd', 'at']);
    for (const c of LOG_COLUMNS) expect(Array.from(back.column(c))).toEqual(Array.from(log.column(c)));
    expect(Array.from(back.hist)).toEqual(Array.from(log.hist));
    expect(back.evals[0].perClassAcc).toEqual([0.25, 0.75]);
  });

  it('reads an old file\'s series: no epoch or probes, a late column shorter than step, unknown columns ignored', () => {
    const log = logFromJson({ steps: { step: [0, 1, 2], 'loss.total': [2, 1.5, 1], 'loss.meta': [NaN, 0.3], 'v.kd': [1, 1, 1], 'x.y': [9, 9, 9] }, hist: [[1], [2], [3]], evals: [] });
    expect(log.hints).toEqual(['kd']);
    expect(Array.from(log.column('loss.meta'))).toEqual([NaN, 0.3, NaN]);
    expect(Array.from(log.column('epoch'))).toEqual([NaN, NaN, NaN]);
    expect(log.probes).toEqual([]);
    expect(log.hist[2 * HIST_LEN]).toBe(3);
    expect(() => logFromJson({ steps: 3 } as never)).toThrow(/expected \{ steps/);
  });
});
