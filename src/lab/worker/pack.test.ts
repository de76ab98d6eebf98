import { describe, expect, it } from 'vitest';
import { HIST_BINS, type StepReport } from '../../core/train/report';
import { emptySeries, recordStep } from '../../core/train/series';
import { COL, NCOLS } from '../contract';
import { packReports, packSeries } from './pack';

function report(step: number): StepReport {
  return {
    step, epoch: 0, losses: { ce: 1 + step, total: 2 + step, kd: 0.5, at: 0.25 }, metaLoss: step % 2 ? 0.7 : undefined, trainAcc: 0.1 * step,
    hints: ['kd', 'at'], meanV: [1.1, 0.9], meanVt: [1.05, 0.95], meanVRaw: [1.2, 0.8], hist: Float32Array.from({ length: 2 * HIST_BINS }, (_, i) => i + step), lr: 0.05, stepMs: 12, metaStep: true,
  };
}

describe('packSeries', () => {
  it('packs a recorded series exactly as the live reports were packed (a resumed run shows the same curves)', () => {
    const reports = [0, 1, 2].map(report);
    const s = emptySeries();
    for (const r of reports) recordStep(s, r);
    const live = packReports(0, reports);
    const saved = packSeries(0, s, ['kd', 'at']);
    for (let i = 0; i < reports.length; i++) live.rows[i * NCOLS + COL.epoch] = NaN;
    expect(Array.from(saved.rows)).toEqual(Array.from(live.rows));
    expect(saved.hist).toEqual(live.hist);
  });
});
