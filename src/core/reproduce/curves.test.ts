import { describe, expect, it } from 'vitest';
import { alignedCurve, lossOf, methodCurves, testAccOf } from './curves';
import { syntheticRun, syntheticRuns } from './fixtures.test-util';

describe('mean curves over seeds', () => {
  it('averages the values at one step and gives their sample sd', () => {
    const { points } = alignedCurve([
      [{ step: 0, y: 1 }, { step: 10, y: 4 }],
      [{ step: 0, y: 3 }, { step: 10, y: 6 }],
      [{ step: 0, y: 5 }, { step: 10, y: 8 }],
    ]);
    expect(points.map((p) => [p.step, p.mean, p.n])).toEqual([[0, 3, 3], [10, 6, 3]]);
    expect(points[0].sd).toBeCloseTo(2, 12);
    expect(points[1].sd).toBeCloseTo(2, 12);
  });

  it('matches points by step, not by position, and drops the steps not every seed has', () => {
    const { points, dropped } = alignedCurve([
      [{ step: 20, y: 0.3 }, { step: 0, y: 0.1 }, { step: 10, y: 0.2 }],
      [{ step: 10, y: 0.6 }, { step: 20, y: 0.7 }, { step: 30, y: 0.8 }],
    ]);
    expect(points.map((p) => p.step)).toEqual([10, 20]);
    expect(points[0].mean).toBeCloseTo(0.4, 12);
    expect(points[1].mean).toBeCloseTo(0.5, 12);
    expect(dropped).toBe(2);
  });

  it('leaves a non-finite value (a diverged run) out of the mean and counts the seeds used', () => {
    const { points } = alignedCurve([[{ step: 5, y: 0.2 }], [{ step: 5, y: NaN }], [{ step: 5, y: 0.4 }]]);
    expect(points[0].n).toBe(2);
    expect(points[0].mean).toBeCloseTo(0.3, 12);
    expect(alignedCurve([[{ step: 5, y: 0.2 }]]).points[0].sd).toBeNaN();
  });

  it('gives one curve per method, in order, from the runs of that method only', () => {
    const runs = [...syntheticRuns(['kd', 'hkd'], [1, 2, 3]), syntheticRun('kd', 4, [0, 50, 100])];
    const curves = methodCurves(runs, ['hkd', 'kd'], testAccOf);
    expect(curves.map((c) => [c.method, c.seeds])).toEqual([['hkd', 3], ['kd', 4]]);
    // kd seed 4 stopped at step 100: the kd curve ends there.
    expect(curves[1].points.map((p) => p.step)).toEqual([0, 50, 100]);
    expect(curves[1].dropped).toBe(2);
    const at100 = runs.filter((r) => r.method === 'kd').map((r) => r.evals.find((e) => e.step === 100)!.testAcc);
    expect(curves[1].points[2].mean).toBeCloseTo(at100.reduce((a, b) => a + b) / 4, 12);
    const hkdLoss = methodCurves(runs, ['hkd'], lossOf)[0].points;
    const direct = runs.filter((r) => r.method === 'hkd').map((r) => r.loss.total[0]);
    expect(hkdLoss[0].step).toBe(50);
    expect(hkdLoss[0].mean).toBeCloseTo(direct.reduce((a, b) => a + b) / 3, 12);
  });
});
