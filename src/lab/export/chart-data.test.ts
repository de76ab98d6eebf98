import { describe, expect, it } from 'vitest';
import { COL, HIST_LEN, NCOLS, type RunInfo } from '../contract';
import { Series } from '../store/series';
import type { RunData } from '../store/lab-store';
import { chartTable, toRunSeries } from './chart-data';

function runData(label: string, hints: RunInfo['hints'], n: number): RunData {
  const series = new Series();
  const rows = new Float64Array(n * NCOLS).fill(NaN);
  for (let i = 0; i < n; i++) {
    rows[i * NCOLS + COL.step] = i;
    rows[i * NCOLS + COL.total] = 3 - i;
    rows[i * NCOLS + COL.ce] = 2 - i / 10;
    rows[i * NCOLS + COL.kd] = 0.5;
    rows[i * NCOLS + COL.trainAcc] = i / 10;
  }
  series.append(rows, new Float32Array(n * HIST_LEN));
  const info: RunInfo = { runId: 0, method: 'kd', label, hints, teacherAcc: 0.8, teacherRecordedAcc: 0.8, teacherSource: '', teacherStored: false };
  return { info, series, evals: [{ step: 2, testAcc: 0.4, testLoss: 1, perClassAcc: new Float32Array(2) }], probeHistory: [] };
}

describe('chart exports', () => {
  it('names columns as the core does and puts test accuracy on the step it followed', () => {
    const s = toRunSeries(runData('KD', ['kd'], 3));
    expect(Object.keys(s.steps)).toEqual(expect.arrayContaining(['step', 'loss.total', 'loss.ce', 'loss.kd', 'acc.train', 'test.acc']));
    expect(s.steps['loss.at']).toBeUndefined();
    expect(s.steps['test.acc'].map((x) => (Number.isNaN(x) ? null : x))).toEqual([null, 0.4, null]);
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
