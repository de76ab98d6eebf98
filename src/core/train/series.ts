// Column-wise record of everything a run reports, for files (CLI output, exports) and charts.
import type { EvalReport, ProbeReport, StepReport } from './report';

export interface RunSeries {
  /** Column name → one value per step report: step, loss.total, loss.ce, loss.<hint>, loss.meta, acc.train, v.<hint>, vt.<hint>, raw.<hint>, lr, ms. */
  steps: Record<string, number[]>;
  /** Per step, per hint, the ṽ histogram (hints·HIST_BINS numbers). */
  hist: number[][];
  evals: { step: number; testAcc: number; testLoss: number; valAcc?: number; valLoss?: number; teacherAcc: number; perClassAcc: number[] }[];
  probes: { step: number; indices: number[]; labels: number[]; v: number[]; vt: number[]; vtStep?: number[]; losses: number[]; preds: number[] }[];
}

export function emptySeries(): RunSeries {
  return { steps: {}, hist: [], evals: [], probes: [] };
}

function push(s: RunSeries, key: string, at: number, value: number) {
  // Columns that start late (e.g. loss.meta) are padded so every column lines up with `step`.
  const col = (s.steps[key] ??= []);
  while (col.length < at) col.push(NaN);
  col.push(value);
}

export function recordStep(s: RunSeries, r: StepReport): void {
  const at = s.steps.step?.length ?? 0;
  push(s, 'step', at, r.step);
  push(s, 'loss.total', at, r.losses.total);
  push(s, 'loss.ce', at, r.losses.ce);
  for (const h of r.hints) push(s, `loss.${h}`, at, r.losses[h] ?? NaN);
  push(s, 'loss.meta', at, r.metaLoss ?? NaN);
  push(s, 'acc.train', at, r.trainAcc);
  r.hints.forEach((h, k) => {
    push(s, `v.${h}`, at, r.meanV[k]);
    push(s, `vt.${h}`, at, r.meanVt[k]);
    push(s, `raw.${h}`, at, r.meanVRaw[k]);
  });
  push(s, 'lr', at, r.lr);
  push(s, 'ms', at, r.stepMs);
  s.hist.push(Array.from(r.hist));
}

export function recordEval(s: RunSeries, e: EvalReport): void {
  s.evals.push({ step: e.step, testAcc: e.testAcc, testLoss: e.testLoss, valAcc: e.valAcc, valLoss: e.valLoss, teacherAcc: e.teacherAcc, perClassAcc: Array.from(e.perClassAcc) });
}

/** Past `max` entries, every other one is dropped (the newest kept): a bounded history that still spans the run. */
export function thin<T>(xs: T[], max: number): T[] {
  if (xs.length <= max) return xs;
  return xs.filter((_, i) => (xs.length - 1 - i) % 2 === 0);
}

/** Appends a probe report; with `max`, the history is thinned past that many (see `thin`). */
export function recordProbes(s: RunSeries, p: ProbeReport, max = Infinity): void {
  // A series saved before probes were recorded has no `probes`.
  const probes = (s.probes ??= []);
  probes.push({
    step: p.step,
    indices: Array.from(p.indices),
    labels: Array.from(p.labels),
    v: Array.from(p.v),
    vt: Array.from(p.vt),
    vtStep: Array.from(p.vtStep),
    losses: Array.from(p.losses),
    preds: Array.from(p.preds),
  });
  s.probes = thin(probes, max);
}

/** Mean of a column over its last `fraction` of entries, ignoring NaN. */
export function tailMean(values: number[] | undefined, fraction = 0.1): number {
  if (!values?.length) return NaN;
  const tail = values.slice(Math.floor(values.length * (1 - fraction)));
  const finite = tail.filter(Number.isFinite);
  return finite.reduce((a, b) => a + b, 0) / Math.max(1, finite.length);
}
