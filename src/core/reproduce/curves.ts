// Mean curves over seeds for the lab's reproduce view: per method, the mean ± sd of a series at
// each step that every seed recorded. Points are matched by step, never by position, so a seed
// that evaluated at other steps (or stopped early) cannot shift the others' values.
import type { RunSummary } from './result';
import { summarise } from './stats';

export interface CurvePoint {
  step: number;
  mean: number;
  /** Sample sd over seeds (NaN with one seed). */
  sd: number;
  /** Seeds with a finite value at this step (fewer than the method's seeds where a run diverged). */
  n: number;
}

export interface MethodCurve {
  method: string;
  seeds: number;
  points: CurvePoint[];
  /** Steps recorded by some seeds but not all, left out of the curve. */
  dropped: number;
}

export type StepValues = { step: number; y: number }[];

/** One curve from each seed's (step, value) series: steps common to all seeds, ascending. */
export function alignedCurve(series: StepValues[]): { points: CurvePoint[]; dropped: number } {
  if (!series.length) return { points: [], dropped: 0 };
  const bySeed = series.map((s) => new Map(s.map((p) => [p.step, p.y])));
  const all = new Set(series.flatMap((s) => s.map((p) => p.step)));
  const common = [...all].filter((step) => bySeed.every((m) => m.has(step))).sort((a, b) => a - b);
  const points = common.map((step) => {
    const s = summarise(bySeed.map((m) => m.get(step)!).filter(Number.isFinite));
    return { step, mean: s.mean, sd: s.sd, n: s.n };
  });
  return { points, dropped: all.size - common.length };
}

/** The curves the reproduce view draws, one per method in the result's order. */
export function methodCurves(runs: readonly RunSummary[], methods: readonly string[], of: (r: RunSummary) => StepValues): MethodCurve[] {
  return methods.map((method) => {
    const rs = runs.filter((r) => r.method === method);
    return { method, seeds: rs.length, ...alignedCurve(rs.map(of)) };
  });
}

/** Test accuracy at each evaluation. */
export const testAccOf = (r: RunSummary): StepValues => r.evals.map((e) => ({ step: e.step, y: e.testAcc }));

/** The windowed training loss. */
export const lossOf = (r: RunSummary): StepValues => r.loss.step.map((step, i) => ({ step, y: r.loss.total[i] }));
