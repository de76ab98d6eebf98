// What `npm run reproduce` answers, as data: per method the mean ± sd of the final test accuracy
// over seeds (and of the best, marked optimistic), paired differences against KD and against
// fixed multi-hint with 95 % intervals, the mean weights per hint, and the wall time. The lab opens
// the same JSON (table and mean curves with ±sd bands), so it is parsed here, never trusted.
import Papa from 'papaparse';
import { pairedDifference, summarise, type PairedInterval, type Summary } from './stats';

export const REPRODUCE_FORMAT = 'hkd-reproduce';
export const REPRODUCE_VERSION = 1;

export interface RunSummary {
  method: string;
  seed: number;
  preset: string;
  steps: number;
  teacherAcc: number;
  final: { testAcc: number; testLoss: number; valAcc: number; valLoss: number };
  /** The evaluation with the best validation accuracy (its test accuracy is optimistic). */
  best: { step: number; testAcc: number; valAcc: number };
  evals: { step: number; testAcc: number; valAcc: number; testLoss: number }[];
  /** Mean weights per hint over the last 10 % of steps: v, ṽ and the raw (pre-normalisation) output. */
  weights: Record<string, { v: number; vt: number; raw: number }>;
  /** The training loss averaged over windows, for curves. */
  loss: { step: number[]; total: number[] };
  wallSeconds: number;
  /** Hashes of the initial student and the data stream: equal across methods for one seed. */
  fingerprint: { init: string; data: string };
  diverged?: string;
}

export interface MethodRow {
  method: string;
  seeds: number[];
  finalTest: Summary;
  bestTest: Summary;
  finalVal: Summary;
  /** Mean ṽ per hint (over seeds). */
  vt: Record<string, number>;
  wallSeconds: number;
  diverged: number;
}

export interface Pair {
  method: string;
  against: string;
  /** On the final test accuracy, paired by seed. */
  test: PairedInterval;
  val: PairedInterval;
}

export interface ReproduceResult {
  format: typeof REPRODUCE_FORMAT;
  version: number;
  command: string;
  date: string;
  environment: Record<string, string>;
  preset: string;
  steps: number;
  methods: string[];
  seeds: number[];
  wallSeconds: number;
  rows: MethodRow[];
  pairs: Pair[];
  /** Seeds whose runs did not share one initialisation and one data stream across methods. */
  mismatchedSeeds: number[];
  runs: RunSummary[];
}

/** The references every method is compared with, when they were run. */
export const REFERENCES = ['ce', 'kd', 'multi'];

export function aggregate(runs: RunSummary[], meta: Pick<ReproduceResult, 'command' | 'date' | 'environment' | 'preset' | 'steps' | 'wallSeconds'>): ReproduceResult {
  const methods = [...new Set(runs.map((r) => r.method))];
  const seeds = [...new Set(runs.map((r) => r.seed))].sort((a, b) => a - b);
  const of = (m: string) => seeds.map((s) => runs.find((r) => r.method === m && r.seed === s));
  const rows: MethodRow[] = methods.map((m) => {
    const rs = of(m).filter((r): r is RunSummary => !!r);
    const hints = Object.keys(rs[0]?.weights ?? {});
    return {
      method: m,
      seeds: rs.map((r) => r.seed),
      finalTest: summarise(rs.map((r) => r.final.testAcc)),
      bestTest: summarise(rs.map((r) => r.best.testAcc)),
      finalVal: summarise(rs.map((r) => r.final.valAcc)),
      vt: Object.fromEntries(hints.map((h) => [h, summarise(rs.map((r) => r.weights[h].vt)).mean])),
      wallSeconds: rs.reduce((a, r) => a + r.wallSeconds, 0),
      diverged: rs.filter((r) => r.diverged).length,
    };
  });
  const pairs: Pair[] = [];
  for (const against of REFERENCES.filter((r) => methods.includes(r))) {
    for (const m of methods) {
      // CE is only a reference (KD − CE answers "does the teacher help?"); CE − KD would repeat it.
      if (m === against || (against === 'ce' && m !== 'kd') || m === 'ce') continue;
      const both = seeds.filter((s) => runs.some((r) => r.method === m && r.seed === s) && runs.some((r) => r.method === against && r.seed === s));
      const get = (method: string, f: (r: RunSummary) => number) => both.map((s) => f(runs.find((r) => r.method === method && r.seed === s)!));
      pairs.push({
        method: m,
        against,
        test: pairedDifference(get(m, (r) => r.final.testAcc), get(against, (r) => r.final.testAcc)),
        val: pairedDifference(get(m, (r) => r.final.valAcc), get(against, (r) => r.final.valAcc)),
      });
    }
  }
  const mismatchedSeeds = seeds.filter((s) => {
    const rs = runs.filter((r) => r.seed === s);
    return new Set(rs.map((r) => r.fingerprint.init)).size > 1 || new Set(rs.map((r) => r.fingerprint.data)).size > 1;
  });
  return { format: REPRODUCE_FORMAT, version: REPRODUCE_VERSION, ...meta, methods, seeds, rows, pairs, mismatchedSeeds, runs };
}

export const pct = (x: number) => (Number.isFinite(x) ? (100 * x).toFixed(1) : '—');
export const pm = (s: Summary) => `${pct(s.mean)} ± ${pct(s.sd)}`;
const signed = (x: number) => (Number.isFinite(x) ? `${x >= 0 ? '+' : '−'}${Math.abs(100 * x).toFixed(1)}` : '—');
export const interval = (p: PairedInterval) => `${signed(p.mean)} [${signed(p.lo)}, ${signed(p.hi)}]`;
export const minutes = (s: number) => (s >= 90 ? `${(s / 60).toFixed(1)} min` : `${Math.round(s)} s`);
/** Whether the seeds support a difference: only when its 95 % interval leaves 0 out. */
export const verdict = (p: PairedInterval) => (p.excludesZero ? (p.mean > 0 ? 'yes: better' : 'yes: worse') : 'no: the interval includes 0');

/** The table and the paired differences as Markdown (percentage points). */
export function toMarkdown(r: ReproduceResult): string {
  const hints = [...new Set(r.rows.flatMap((row) => Object.keys(row.vt)))];
  const lines = [
    `| method | final test acc. (%) | best test acc. (%, optimistic) | final val. acc. (%) | mean ṽ ${hints.join(' / ')} | run time |`,
    '|---|---|---|---|---|---|',
    ...r.rows.map((row) => `| ${row.method} | ${pm(row.finalTest)} | ${pm(row.bestTest)} | ${pm(row.finalVal)} | ${hints.map((h) => (h in row.vt ? row.vt[h].toFixed(2) : '—')).join(' / ')} | ${minutes(row.wallSeconds)}${row.diverged ? ` (${row.diverged} diverged)` : ''} |`),
    '',
    '| difference (paired by seed) | test acc. (points) [95 % interval] | supported? | val. acc. (points) [95 % interval] |',
    '|---|---|---|---|',
    ...r.pairs.map((p) => `| ${p.method} − ${p.against} | ${interval(p.test)} | ${verdict(p.test)} | ${interval(p.val)} |`),
  ];
  if (r.mismatchedSeeds.length) lines.push('', `Warning: seeds ${r.mismatchedSeeds.join(', ')} did not give every method the same initialisation and batches.`);
  return lines.join('\n') + '\n';
}

/** One row per run, for spreadsheets. */
export function toCsv(r: ReproduceResult): string {
  const hints = [...new Set(r.runs.flatMap((x) => Object.keys(x.weights)))];
  const fields = ['method', 'seed', 'steps', 'final_test_acc', 'final_val_acc', 'best_test_acc', 'best_step', 'teacher_acc', ...hints.map((h) => `vt_${h}`), 'wall_seconds', 'diverged'];
  const rows = r.runs.map((x) => [x.method, x.seed, x.steps, x.final.testAcc, x.final.valAcc, x.best.testAcc, x.best.step, x.teacherAcc, ...hints.map((h) => x.weights[h]?.vt ?? ''), x.wallSeconds, x.diverged ?? '']);
  return Papa.unparse({ fields, data: rows }, { newline: '\r\n', escapeFormulae: true });
}

export class ReproduceFileError extends Error {
  name = 'ReproduceFileError';
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
// null stands for NaN in the file (JSON has no NaN), and parsing has turned it back into NaN.
const num = (v: unknown) => typeof v === 'number';
const nums = (v: unknown) => Array.isArray(v) && v.every(num);

/** What a run lacks of the fields the table and the curves read (empty when it has them all). */
function runProblems(r: unknown): string[] {
  if (!isObj(r)) return ['not an object'];
  const p: string[] = [];
  if (typeof r.method !== 'string') p.push('method (text)');
  if (!Number.isInteger(r.seed)) p.push('seed (a whole number)');
  if (!isObj(r.final) || !num(r.final.testAcc) || !num(r.final.valAcc)) p.push('final.testAcc and final.valAcc');
  if (!isObj(r.best) || !num(r.best.testAcc)) p.push('best.testAcc');
  if (!Array.isArray(r.evals) || !r.evals.every((e: unknown) => isObj(e) && Number.isFinite(e.step) && num(e.testAcc))) p.push('evals (a list of step and testAcc)');
  if (!isObj(r.loss) || !nums(r.loss.step) || !nums(r.loss.total) || (r.loss.step as number[]).length !== (r.loss.total as number[]).length) p.push('loss (step and total lists of one length)');
  if (!isObj(r.weights) || !Object.values(r.weights).every((w) => isObj(w) && num(w.vt))) p.push('weights (a vt per hint)');
  if (!num(r.wallSeconds)) p.push('wallSeconds');
  if (!isObj(r.fingerprint) || typeof r.fingerprint.init !== 'string' || typeof r.fingerprint.data !== 'string') p.push('fingerprint (init and data)');
  return p;
}

/** Reads a reproduce result (the lab opens it); every field it draws from is checked. */
export function parseReproduceResult(text: string, file = 'reproduce result'): ReproduceResult {
  let v: unknown;
  try {
    v = JSON.parse(text, (_, x) => (x === null ? NaN : x));
  } catch (e) {
    throw new ReproduceFileError(`${file}: not JSON (${(e as Error).message})`);
  }
  if (!isObj(v) || v.format !== REPRODUCE_FORMAT) throw new ReproduceFileError(`${file}: not a reproduce result (format "${REPRODUCE_FORMAT}" expected)`);
  if (v.version !== REPRODUCE_VERSION) throw new ReproduceFileError(`${file}: version ${JSON.stringify(v.version)}; this lab reads version ${REPRODUCE_VERSION}`);
  const problems: string[] = [];
  if (!Array.isArray(v.runs) || !v.runs.length) problems.push('runs: expected a non-empty list');
  else
    v.runs.forEach((r: unknown, i: number) => {
      const missing = runProblems(r);
      const which = isObj(r) && typeof r.method === 'string' ? ` (${r.method}${Number.isInteger(r.seed) ? `, seed ${r.seed}` : ''})` : '';
      if (missing.length) problems.push(`runs[${i}]${which} lacks ${missing.join(', ')}`);
    });
  if (typeof v.preset !== 'string') problems.push('preset: expected text');
  // A long list helps no one: the first few problems say what is wrong.
  const shown = problems.length > 3 ? [...problems.slice(0, 3), `and ${problems.length - 3} more`] : problems;
  if (problems.length) throw new ReproduceFileError(`${file}: ${shown.join('; ')}`);
  // Tables are recomputed from the runs, so a hand-edited table cannot disagree with its data.
  const runs = v.runs as RunSummary[];
  return aggregate(runs, {
    command: String(v.command ?? ''), date: String(v.date ?? ''), environment: isObj(v.environment) ? (v.environment as Record<string, string>) : {},
    preset: v.preset as string, steps: Number(v.steps), wallSeconds: Number(v.wallSeconds),
  });
}

/** JSON with NaN as null (JSON has no NaN). */
export function encodeReproduceResult(r: ReproduceResult): string {
  return JSON.stringify(r, (_, x) => (typeof x === 'number' && !Number.isFinite(x) ? null : x), 1);
}
