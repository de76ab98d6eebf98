// The ONE record of a run: columnar chunks of step rows. The worker builds a chunk from each batch
// of step reports, appends it to its log and posts it (its typed arrays are transferable); the
// page appends the same chunks for its charts; IndexedDB stores chunks sliced from the log; every
// export reads the log. Nothing thins it: charts downsample at draw time (lab/charts/downsample.ts).
import { HINTS, type HintId } from '../train/config';
import { HIST_BINS, type EvalReport, type ProbeReport, type StepReport } from '../train/report';

/** Floats per row in a chunk's `hist`: one HIST_BINS-bin ṽ histogram per hint, in HINTS order (zeros for hints a run lacks). */
export const HIST_LEN = HINTS.length * HIST_BINS;

type HintColumn = `loss.${HintId}` | `v.${HintId}` | `vt.${HintId}` | `raw.${HintId}`;
export type LogColumn = 'step' | 'epoch' | 'loss.total' | 'loss.ce' | 'loss.meta' | 'acc.train' | 'lr' | 'ms' | HintColumn;

/** The columns of a run with these hints, in export order (`step` first; a hint's columns only for its hints). */
export function columnsFor(hints: readonly HintId[]): LogColumn[] {
  return [
    'step', 'loss.total', 'loss.ce', ...hints.map((h) => `loss.${h}` as const), 'loss.meta', 'acc.train',
    ...hints.flatMap((h) => [`v.${h}`, `vt.${h}`, `raw.${h}`] as const), 'lr', 'ms', 'epoch',
  ];
}

/** Every column a chunk holds (a run's columns are a subset): the log's layout, defined once. */
export const LOG_COLUMNS: readonly LogColumn[] = columnsFor(HINTS);
export const NCOLS = LOG_COLUMNS.length;
const INDEX = new Map<string, number>(LOG_COLUMNS.map((c, i) => [c, i]));

export function isLogColumn(name: string): name is LogColumn {
  return INDEX.has(name);
}

/** Index of a column in LOG_COLUMNS (throws on an unknown name, naming the known ones). */
export function columnIndex(name: string): number {
  const i = INDEX.get(name);
  if (i === undefined) throw new Error(`run log: no column "${name}" (have: ${LOG_COLUMNS.join(', ')})`);
  return i;
}

/**
 * `length` step rows of one run. `values` is column-major: column c (LOG_COLUMNS order) is
 * values[c·length … (c+1)·length), NaN where a term does not apply. `hist` is length × HIST_LEN.
 */
export interface RunChunk {
  runId: number;
  length: number;
  values: Float64Array;
  hist: Float32Array;
}

export interface LogEval { step: number; testAcc: number; testLoss: number; valAcc?: number; valLoss?: number; teacherAcc: number; perClassAcc: number[] }
export interface LogProbe { step: number; indices: number[]; labels: number[]; v: number[]; vt: number[]; vtStep?: number[]; losses: number[]; preds: number[] }

/** One column of a chunk, without copying. */
export function chunkColumn(c: RunChunk, name: LogColumn): Float64Array {
  const i = columnIndex(name);
  return c.values.subarray(i * c.length, (i + 1) * c.length);
}

/** A chunk of step reports (one run's, in step order). */
export function chunkOfReports(runId: number, reports: readonly StepReport[]): RunChunk {
  const log = new RunLog(HINTS);
  for (const r of reports) log.appendReport(r);
  return log.chunk(runId);
}

/** Past `max` entries, every other one is dropped (the newest kept): for probe snapshots, which are bulky. */
export function thin<T>(xs: T[], max: number): T[] {
  if (xs.length <= max) return xs;
  return xs.filter((_, i) => (xs.length - 1 - i) % 2 === 0);
}

export class RunLog {
  /** Rows held. */
  length = 0;
  /** Bumped whenever rows are dropped, so a reader that copied rows (the store) knows to start over. */
  generation = 0;
  evals: LogEval[] = [];
  probes: LogProbe[] = [];
  private cols: Float64Array[] = LOG_COLUMNS.map(() => new Float64Array(256));
  private hists = new Float32Array(256 * HIST_LEN);

  constructor(readonly hints: readonly HintId[]) {}

  /** The columns this run has, in export order. */
  columns(): LogColumn[] {
    return columnsFor(this.hints);
  }

  append(c: RunChunk): void {
    if (c.values.length !== c.length * NCOLS || c.hist.length !== c.length * HIST_LEN) {
      throw new Error(`run log: a chunk of ${c.length} rows needs ${c.length * NCOLS} values and ${c.length * HIST_LEN} histogram bins, got ${c.values.length} and ${c.hist.length}`);
    }
    this.reserve(this.length + c.length);
    this.cols.forEach((col, i) => col.set(c.values.subarray(i * c.length, (i + 1) * c.length), this.length));
    this.hists.set(c.hist, this.length * HIST_LEN);
    this.length += c.length;
  }

  /** One step's report as a row, written in place: the worker's per-step path allocates nothing. */
  appendReport(r: StepReport): void {
    this.reserve(this.length + 1);
    const i = this.length;
    // Every cell is written (NaN where a term does not apply): rows past a truncation hold old values.
    for (const col of this.cols) col[i] = NaN;
    const put = (name: LogColumn, v: number | undefined) => {
      if (v !== undefined) this.cols[columnIndex(name)][i] = v;
    };
    put('step', r.step);
    put('epoch', r.epoch);
    put('loss.total', r.losses.total);
    put('loss.ce', r.losses.ce);
    put('loss.meta', r.metaLoss);
    put('acc.train', r.trainAcc);
    put('lr', r.lr);
    put('ms', r.stepMs);
    this.hists.fill(0, i * HIST_LEN, (i + 1) * HIST_LEN);
    r.hints.forEach((h, k) => {
      put(`loss.${h}`, r.losses[h]);
      put(`v.${h}`, r.meanV[k]);
      put(`vt.${h}`, r.meanVt[k]);
      put(`raw.${h}`, r.meanVRaw[k]);
      this.hists.set(r.hist.subarray(k * HIST_BINS, (k + 1) * HIST_BINS), i * HIST_LEN + HINTS.indexOf(h) * HIST_BINS);
    });
    this.length++;
  }

  /** A column's values (a view: valid until the next append). */
  column(name: LogColumn): Float64Array {
    return this.cols[columnIndex(name)].subarray(0, this.length);
  }

  /** The ṽ histograms, length × HIST_LEN (a view). */
  get hist(): Float32Array {
    return this.hists.subarray(0, this.length * HIST_LEN);
  }

  /** Rows [from, to) as a chunk (copies): what the store writes and a reopened run sends the page. */
  chunk(runId: number, from = 0, to = this.length): RunChunk {
    const n = Math.max(0, to - from);
    const values = new Float64Array(n * NCOLS);
    this.cols.forEach((col, i) => values.set(col.subarray(from, from + n), i * n));
    return { runId, length: n, values, hist: this.hists.slice(from * HIST_LEN, (from + n) * HIST_LEN) };
  }

  /** Each row as { column: value } over this run's columns (for tests and small exports). */
  *rows(): Generator<Record<string, number>> {
    const cols = this.columns().map((c) => [c, this.column(c)] as const);
    for (let i = 0; i < this.length; i++) yield Object.fromEntries(cols.map(([c, v]) => [c, v[i]]));
  }

  /**
   * Drops rows whose step is ≥ `step`, and evaluations and probe reports taken after `step` steps:
   * a run that went back to a checkpoint of `step` steps done (rollback, resume), worker and page alike.
   */
  truncateFromStep(step: number): void {
    const steps = this.column('step');
    let n = this.length;
    while (n > 0 && steps[n - 1] >= step) n--;
    if (n < this.length) this.generation++;
    this.length = n;
    this.evals = this.evals.filter((e) => e.step <= step);
    this.probes = this.probes.filter((p) => p.step <= step);
  }

  addEval(e: EvalReport): void {
    this.evals.push({ step: e.step, testAcc: e.testAcc, testLoss: e.testLoss, valAcc: e.valAcc, valLoss: e.valLoss, teacherAcc: e.teacherAcc, perClassAcc: Array.from(e.perClassAcc) });
  }

  /** Appends a probe report; with `max`, the history is thinned past that many (see `thin`). */
  addProbes(p: ProbeReport, max = Infinity): void {
    const entry = { step: p.step, indices: Array.from(p.indices), labels: Array.from(p.labels), v: Array.from(p.v), vt: Array.from(p.vt), vtStep: Array.from(p.vtStep), losses: Array.from(p.losses), preds: Array.from(p.preds) };
    this.probes = thin([...this.probes, entry], max);
  }

  private reserve(rows: number) {
    let cap = this.cols[0].length;
    if (rows <= cap) return;
    while (cap < rows) cap *= 2;
    this.cols = this.cols.map((c) => {
      const g = new Float64Array(cap);
      g.set(c.subarray(0, this.length));
      return g;
    });
    const h = new Float32Array(cap * HIST_LEN);
    h.set(this.hists.subarray(0, this.length * HIST_LEN));
    this.hists = h;
  }
}

/** Mean of a column over its last `fraction` of entries, ignoring NaN. */
export function tailMean(values: ArrayLike<number> | undefined, fraction = 0.1): number {
  if (!values?.length) return NaN;
  const tail = Array.from(values).slice(Math.floor(values.length * (1 - fraction)));
  const finite = tail.filter(Number.isFinite);
  return finite.reduce((a, b) => a + b, 0) / Math.max(1, finite.length);
}
