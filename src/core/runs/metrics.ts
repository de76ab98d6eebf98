// Metric exports: CSV and JSON of a whole run, and of one chart's series. CSV quoting and
// escaping by papaparse (class names from a user's zip may hold commas or quotes). NaN (a value
// not recorded at that step) is an empty cell in CSV and null in JSON.
import Papa from 'papaparse';
import { logToJson } from './run-log-json';
import type { LogProbe, RunLog } from './run-log';
import type { RunFile } from './runfile';

export const METRICS_FORMAT = 'hkd-metrics';

function cell(v: number | string | undefined): number | string {
  if (v === undefined) return '';
  if (typeof v === 'number' && !Number.isFinite(v)) return '';
  return v;
}

function csv(fields: string[], rows: (number | string | undefined)[][]): string {
  // Every field quoted when it needs it (comma, quote, newline, leading/trailing space); '\r\n' rows.
  return Papa.unparse({ fields, data: rows.map((r) => r.map(cell)) }, { newline: '\r\n', escapeFormulae: true });
}

/** The step columns of a run, in export order, `step` first. */
export function stepColumns(log: RunLog): string[] {
  return log.columns();
}

/** Named step columns of equal length (`step` among them): a log's columns, or a chart's (chart-data.ts). */
export type StepTable = Record<string, ArrayLike<number>>;

/** A log's columns by name (views, not copies). */
export function logTable(log: RunLog): StepTable {
  return Object.fromEntries(log.columns().map((c) => [c, log.column(c)]));
}

/**
 * One chart's series as CSV: `step` plus the given step columns (e.g. ['loss.total', 'loss.ce']).
 * Unknown columns throw, naming them.
 */
export function chartCsv(t: StepTable, columns: string[]): string {
  return columnsCsv(pick(t, columns, 'chartCsv'));
}

function pick(t: StepTable, columns: string[], who: string): ColumnsLike {
  const missing = columns.filter((c) => !(c in t));
  if (missing.length) throw new Error(`${who}: no column ${missing.join(', ')} (have: ${Object.keys(t).join(', ')})`);
  const cols = ['step', ...columns.filter((c) => c !== 'step')];
  return Object.fromEntries(cols.map((c) => [c, t[c] ?? []]));
}

/** The evaluation series (test accuracy and loss, teacher accuracy, per-class accuracy). */
export function evalCsv(log: RunLog, classNames: string[] = []): string {
  const k = Math.max(0, ...log.evals.map((e) => e.perClassAcc.length));
  const names = Array.from({ length: k }, (_, i) => `acc.class.${classNames[i] ?? i}`);
  return csv(['step', 'test.acc', 'test.loss', 'teacher.acc', ...names], log.evals.map((e) => [e.step, e.testAcc, e.testLoss, e.teacherAcc, ...Array.from({ length: k }, (_, i) => e.perClassAcc[i])]));
}

/** The whole run as one CSV: every step column, with the evaluation columns on the steps that have them. */
export function runCsv(log: RunLog, classNames: string[] = []): string {
  const cols = log.columns().map((c) => log.column(c));
  const k = Math.max(0, ...log.evals.map((e) => e.perClassAcc.length));
  const evalCols = ['test.acc', 'test.loss', 'teacher.acc', ...Array.from({ length: k }, (_, i) => `acc.class.${classNames[i] ?? i}`)];
  // An evaluation reports the step count after training, i.e. it follows step report `step - 1`.
  const byStep = new Map(log.evals.map((e) => [e.step, e]));
  const steps = log.column('step');
  const rows = Array.from({ length: log.length }, (_, i) => {
    const e = byStep.get(steps[i] + 1);
    return [...cols.map((c) => c[i]), ...(e ? [e.testAcc, e.testLoss, e.teacherAcc, ...Array.from({ length: k }, (_, j) => e.perClassAcc[j])] : evalCols.map(() => undefined))];
  });
  return csv([...log.columns(), ...evalCols], rows);
}

const jsonNumbers = (_: string, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v);

/** The whole run as JSON: the run file (config, seed, edits, environment) and every series (the shape of run-log-json.ts). */
export function runJson(log: RunLog, run?: RunFile, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ format: METRICS_FORMAT, version: 1, ...(run ? { run } : {}), ...extra, series: logToJson(log) }, jsonNumbers, 2);
}

/** One chart's series as JSON: { step: [...], <column>: [...] }. */
export function chartJson(t: StepTable, columns: string[]): string {
  return columnsJson(pick(t, columns, 'chartJson'));
}

type ProbeEntry = LogProbe;

/**
 * The probe table's columns: where and what each probe is, its prediction, the step its ṽ was
 * last updated (when the reports hold it), v and ṽ per hint, then its losses (CE first).
 */
export function probeColumns(hints: readonly string[], opts: { names: boolean; vtStep: boolean }): string[] {
  return [
    'step', 'probe', 'index', 'label', ...(opts.names ? ['label.name'] : []), 'pred', ...(opts.names ? ['pred.name'] : []), ...(opts.vtStep ? ['vt.step'] : []),
    ...hints.flatMap((h) => [`v.${h}`, `vt.${h}`]), 'loss.ce', ...hints.map((h) => `loss.${h}`),
  ];
}

/** A float32 value (probe reports) as the shortest decimal that reads back as the same float32: 0.3, not 0.30000001192092896. */
export function f32(x: number): number {
  if (!Number.isFinite(x) || Math.fround(x) !== x) return x;
  // Binary search over the digits (9 always reads back): a few toPrecision calls, not up to nine.
  let lo = 1;
  let hi = 9;
  let best = Number(x.toPrecision(9));
  while (lo < hi) {
    const p = (lo + hi) >> 1;
    const y = Number(x.toPrecision(p));
    if (Math.fround(y) === x) {
      best = y;
      hi = p;
    } else lo = p + 1;
  }
  return best;
}

/** The probe series column-wise (see probeColumns): one entry per probe and report. */
export function probeSeries(probes: ProbeEntry[], hints: readonly string[], classNames: string[] = []): Columns {
  const k = hints.length;
  const opts = { names: classNames.length > 0, vtStep: probes.some((p) => p.vtStep) };
  const name = (c: number) => (opts.names ? [classNames[c] ?? ''] : []);
  const rows = probes.flatMap((p) => p.indices.map((index, i) => [
    p.step, i, index, p.labels[i], ...name(p.labels[i]), p.preds[i], ...name(p.preds[i]), ...(opts.vtStep ? [p.vtStep?.[i] ?? NaN] : []),
    ...hints.flatMap((_, j) => [f32(p.v[i * k + j]), f32(p.vt[i * k + j])]),
    ...Array.from({ length: 1 + k }, (_, j) => f32(p.losses[i * (1 + k) + j])),
  ]));
  return Object.fromEntries(probeColumns(hints, opts).map((c, j) => [c, rows.map((r) => r[j])]));
}

/** Named columns of equal length, in order. */
export type Columns = Record<string, (number | string)[]>;
/** Columns as any array-likes (typed arrays: a log's columns), for the writers. */
export type ColumnsLike = Record<string, ArrayLike<number | string>>;

/** Named columns as CSV (a column shorter than the first is padded with empty cells). */
export function columnsCsv(cols: ColumnsLike): string {
  const names = Object.keys(cols);
  const n = names.length ? cols[names[0]].length : 0;
  return csv(names, Array.from({ length: n }, (_, i) => names.map((c) => cols[c][i])));
}

/** Named columns as JSON, with `extra` fields beside them. */
export function columnsJson(cols: ColumnsLike, extra: Record<string, unknown> = {}): string {
  // Typed arrays as plain arrays: JSON writes a Float64Array as an object keyed by index.
  const plain = Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, Array.from(v)]));
  return JSON.stringify({ format: METRICS_FORMAT, version: 1, ...extra, columns: plain }, jsonNumbers);
}

/** The probe series as CSV: one row per probe and report. */
export function probeCsv(probes: ProbeEntry[], hints: readonly string[], classNames: string[] = []): string {
  return columnsCsv(probeSeries(probes, hints, classNames));
}
