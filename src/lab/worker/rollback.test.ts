import { describe, expect, it } from 'vitest';
import type { RunEdit } from '../../core/runs/runfile';
import type { StepReport } from '../../core/train/report';
import { emptySeries, recordStep, type RunSeries } from '../../core/train/series';
import { clampEdits, cutAtRollback, truncateSeries } from './rollback';

const report = (step: number) => ({ step, epoch: 0, losses: { total: step, ce: step }, trainAcc: 0, hints: [], meanV: [], meanVt: [], meanVRaw: [], hist: [], lr: 0.1, stepMs: 1, metaStep: false }) as unknown as StepReport;

describe('after a rollback', () => {
  it('each run keeps only its rows and unsent reports before the step it went back to', () => {
    const a = emptySeries();
    const b = emptySeries();
    for (let i = 0; i < 8; i++) recordStep(a, report(i));
    for (let i = 0; i < 9; i++) recordStep(b, report(i));
    const cut = cutAtRollback([a, b], [[report(8)], [report(5), report(9)]], [3, 6]);
    expect(cut.series[0].steps.step).toEqual([0, 1, 2]);
    expect(cut.series[1].steps.step).toEqual([0, 1, 2, 3, 4, 5]);
    expect(cut.pending.map((p) => p.map((r) => r.step))).toEqual([[], [5]]);
  });

  it('drops the probe reports after the step it went back to (a series saved without any keeps none)', () => {
    const a = emptySeries();
    for (let i = 0; i < 8; i++) recordStep(a, report(i));
    a.probes = [2, 4, 6].map((step) => ({ step, indices: [], labels: [], v: [], vt: [], losses: [], preds: [] }));
    expect(truncateSeries(a, 4).probes.map((p) => p.step)).toEqual([2, 4]);
    const old = { ...a, probes: undefined } as unknown as RunSeries;
    expect(truncateSeries(old, 4).probes).toEqual([]);
  });

  it('moves the edits made during the dropped steps to the step the run continues from', () => {
    const edits: RunEdit[] = [{ step: 2, setting: 'lr', from: 0.05, to: 2 }, { step: 7, setting: 'betas.kd', from: 0.9, to: 1e4 }];
    clampEdits(edits, 4);
    expect(edits.map((e) => e.step)).toEqual([2, 4]);
  });
});
