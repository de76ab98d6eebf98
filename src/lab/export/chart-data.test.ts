import { describe, expect, it } from 'vitest';
import { runCsv } from '../../core/runs/metrics';
import { RunLog, type RunChunk } from '../../core/runs/run-log';
import { chunkFrom, logFrom } from '../../core/runs/run-log.test-util';
import type { RunInfo } from '../contract';
import type { RunData } from '../store/lab-store';
import { chartTable, runTable } from './chart-data';

function runData(label: string, hints: RunInfo['hints'], n: number): RunData {
  const series = logFrom(hints, n, { 'loss.total': (i) => 3 - i, 'loss.ce': (i) => 2 - i / 10, 'loss.kd': () => 0.5, 'acc.train': (i) => i / 10 });
  const info: RunInfo = { runId: 0, method: 'kd', label, hints, teacherAcc: 0.8, teacherRecordedAcc: 0.8, teacherSource: '', teacherStored: false };
  return { info, series, evals: [{ step: 2, testAcc: 0.4, testLoss: 1, perClassAcc: new Float32Array(2) }], probeHistory: [] };
}

describe('chart exports', () => {
  it('names columns as the core does and puts test accuracy on the step it followed', () => {
    const t = runTable(runData('KD', ['kd'], 3));
    expect(Object.keys(t)).toEqual(expect.arrayContaining(['step', 'loss.total', 'loss.ce', 'loss.kd', 'acc.train', 'test.acc']));
    expect(t['loss.at']).toBeUndefined();
    expect(Array.from(t['test.acc'], (x) => (Number.isNaN(x) ? null : x))).toEqual([null, 0.4, null]);
  });

  it('writes one chart as CSV (compared runs prefixed) and JSON', () => {
    const empty = { step: [], loss: [], acc: [], evals: [] };
    const csv = chartTable('loss', [runData('KD', ['kd'], 2), runData('CE', [], 2)], empty, 'csv')!;
    expect(csv.split('\r\n')[0]).toBe('step,KD/loss.total,KD/loss.ce,KD/loss.kd,KD/loss.meta,CE/loss.total,CE/loss.ce');
    expect(csv.split('\r\n')[1]).toBe('0,3,2,0.5,,3,2');
    const json = JSON.parse(chartTable('accuracy', [runData('KD', ['kd'], 3)], empty, 'json')!);
    expect(json.columns['acc.train']).toEqual([0, 0.1, 0.2]);
    expect(chartTable('gallery', [], empty, 'csv')).toBeNull();
  });
});

describe('chart CSV and run CSV', () => {
  it('agree at 50k rows: the page appends the chunks the worker logged, and nothing thins them', () => {
    const N = 50_000;
    const worker = new RunLog(['kd']);
    const chunks: RunChunk[] = [];
    // Chunks of varying size, as the worker posts them; values not round, so a thinned or averaged row would show.
    for (let at = 0, k = 1; at < N; k = (k % 97) + 1) {
      const n = Math.min(k * 7, N - at);
      const c = chunkFrom(0, n, { step: (i) => i, 'loss.total': (i) => Math.sin(i) + 2, 'loss.ce': (i) => 1 / (i + 1), 'loss.kd': (i) => (i % 13) / 7, 'loss.meta': (i) => (i % 5 ? NaN : i / 3), 'acc.train': (i) => (i % 100) / 100 }, at);
      worker.append(c);
      chunks.push(c);
      at += n;
    }
    const run = runData('KD', ['kd'], 0);
    for (const c of chunks) run.series.append(c);
    run.evals = [];
    // Every cell is a plain number or empty (nothing quoted), so rows split on commas.
    const lines = (text: string) => text.trim().split('\r\n').map((l) => l.split(','));
    const chart = lines(chartTable('loss', [run], { step: [], loss: [], acc: [], evals: [] }, 'csv')!);
    const full = lines(runCsv(worker));
    expect(chart.length).toBe(N + 1);
    expect(full.length).toBe(N + 1);
    const cols = chart[0];
    const at = cols.map((c) => full[0].indexOf(c));
    expect(at.every((i) => i >= 0)).toBe(true);
    for (let r = 1; r <= N; r++) {
      for (let j = 0; j < cols.length; j++) if (chart[r][j] !== full[r][at[j]]) throw new Error(`row ${r}, ${cols[j]}: chart ${chart[r][j]} vs run ${full[r][at[j]]}`);
    }
    expect(chart[N][0]).toBe(String(N - 1));
  });
});
