// A run log as plain columns — { steps: { column: number[] }, hist: number[][], evals, probes } —
// the shape users' files hold (metrics JSON `series`, a CLI run file's `log`) and saved runs held
// before the chunked log. Written for files; read so those files and old saved runs still open.
import { HINTS, type HintId } from '../train/config';
import { HIST_BINS } from '../train/report';
import { HIST_LEN, NCOLS, RunLog, columnIndex, isLogColumn, type LogEval, type LogProbe } from './run-log';

export interface SeriesJson {
  /** Column name → one value per step row (see run-log.ts columnsFor). */
  steps: Record<string, number[]>;
  /** Per row, the ṽ histograms of the run's hints, in its hint order (hints·HIST_BINS numbers). */
  hist: number[][];
  evals: LogEval[];
  probes?: LogProbe[];
}

export function logToJson(log: RunLog): SeriesJson {
  const steps = Object.fromEntries(log.columns().map((c) => [c, Array.from(log.column(c))]));
  const h = log.hist;
  const slots = log.hints.map((x) => HINTS.indexOf(x));
  const hist = Array.from({ length: log.length }, (_, i) => slots.flatMap((s) => Array.from(h.subarray(i * HIST_LEN + s * HIST_BINS, i * HIST_LEN + (s + 1) * HIST_BINS))));
  return { steps, hist, evals: log.evals, probes: log.probes };
}

export function isSeriesJson(s: unknown): s is SeriesJson {
  return !!s && typeof s === 'object' && typeof (s as SeriesJson).steps === 'object' && !!(s as SeriesJson).steps && Array.isArray((s as SeriesJson).hist);
}

/** A run's hints, from its columns (v.<hint>, in the order they were recorded) when not given. */
function hintsOf(s: SeriesJson): HintId[] {
  return Object.keys(s.steps).flatMap((k) => {
    const h = k.startsWith('v.') ? k.slice(2) : '';
    return (HINTS as readonly string[]).includes(h) ? [h as HintId] : [];
  });
}

/**
 * The log of plain columns. Unknown columns are ignored; a column shorter than `step` (one that
 * started late, in old files) reads NaN where it has no value.
 */
export function logFromJson(s: SeriesJson, hints: readonly HintId[] = hintsOf(s)): RunLog {
  if (!isSeriesJson(s)) throw new Error('run log: expected { steps: { column: number[] }, hist: number[][] } (a run\'s recorded series)');
  const log = new RunLog(hints);
  const n = s.steps.step?.length ?? 0;
  const values = new Float64Array(n * NCOLS).fill(NaN);
  for (const [name, col] of Object.entries(s.steps)) {
    if (!isLogColumn(name) || !Array.isArray(col)) continue;
    const o = columnIndex(name) * n;
    // JSON writes NaN as null.
    for (let i = 0; i < n; i++) values[o + i] = typeof col[i] === 'number' ? col[i] : NaN;
  }
  const hist = new Float32Array(n * HIST_LEN);
  for (let i = 0; i < n; i++) {
    const row = s.hist[i];
    if (!row) continue;
    hints.forEach((h, k) => hist.set(row.slice(k * HIST_BINS, (k + 1) * HIST_BINS), i * HIST_LEN + HINTS.indexOf(h) * HIST_BINS));
  }
  log.append({ runId: 0, length: n, values, hist });
  log.evals = (s.evals ?? []).map((e) => ({ ...e, perClassAcc: Array.from(e.perClassAcc ?? []) }));
  // A series saved before probes were recorded has none.
  log.probes = s.probes ?? [];
  return log;
}
