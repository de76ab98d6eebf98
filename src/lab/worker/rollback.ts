// What the worker drops when a trainer rolls back after a divergence: the series rows and unsent
// reports of the steps that blew up, so the charts, the saved run and the step count agree with
// the state the trainer went back to.
import type { RunEdit } from '../../core/runs/runfile';
import type { StepReport } from '../../core/train/report';
import type { RunSeries } from '../../core/train/series';

/** Drops a series' rows from step `step` on (a checkpoint is at `step` steps done). */
export function truncateSeries(s: RunSeries, step: number): RunSeries {
  const n = (s.steps.step ?? []).findIndex((x) => x >= step);
  if (n < 0) return s;
  return { ...s, steps: Object.fromEntries(Object.entries(s.steps).map(([k, v]) => [k, v.slice(0, n)])), hist: s.hist.slice(0, n), evals: s.evals.filter((e) => e.step <= step), probes: (s.probes ?? []).filter((p) => p.step <= step) };
}

/** Each run's series and pending reports cut at its trainer's step (`steps[i]`, after the rollback). */
export function cutAtRollback(series: RunSeries[], pending: StepReport[][], steps: number[]) {
  return {
    series: series.map((s, i) => truncateSeries(s, steps[i])),
    pending: pending.map((p, i) => p.filter((r) => r.step < steps[i])),
  };
}

/**
 * Edits made during the dropped steps are still in effect (the hot settings are not rolled back),
 * so the edit log moves them to the step the run continues from: a replay then applies them there.
 */
export function clampEdits(edits: RunEdit[], step: number): void {
  for (const e of edits) if (e.step > step) e.step = step;
}
