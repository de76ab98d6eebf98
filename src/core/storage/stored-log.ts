// How a saved run's logs (core/runs/run-log.ts) sit in IndexedDB: the record holds each log's
// header (hints, evaluations, probe reports); its rows are in seriesChunks, appended as the log's
// own chunks (one per log per save, `runId` = the log's place in the record). Records written
// before the run log hold plain columns instead (runs/run-log-json.ts): inline (database version
// 2) or in chunks of columns (version 3). They are read here, so an old saved run still opens.
import { RunLog, type LogEval, type LogProbe, type RunChunk } from '../runs/run-log';
import { isSeriesJson, logFromJson, type SeriesJson } from '../runs/run-log-json';
import type { HintId } from '../train/config';

export interface LogHeader {
  kind: 'run-log';
  hints: HintId[];
  evals: LogEval[];
  probes: LogProbe[];
}

/** Rows of one series a version-3 save appended, as plain columns. */
interface LegacyPart {
  steps: Record<string, number[]>;
  hist: number[][];
}

/** What a record holds for one log. */
export type StoredLog = LogHeader | SeriesJson;
export type StoredPart = RunChunk | LegacyPart;

export const headerOf = (l: RunLog): LogHeader => ({ kind: 'run-log', hints: [...l.hints], evals: l.evals, probes: l.probes });

const isHeader = (s: unknown): s is LogHeader => !!s && typeof s === 'object' && (s as LogHeader).kind === 'run-log';
export const isStoredLog = (s: unknown): s is StoredLog => isHeader(s) || isSeriesJson(s);
const isChunk = (p: StoredPart): p is RunChunk => p instanceof Object && 'values' in p;

/**
 * What this store instance last wrote of one log. A weak reference: the log is the caller's live
 * object, appended to in place; another object, or rows dropped since (`generation`), means
 * "cannot tell what is new".
 */
export interface PartTrack {
  log: WeakRef<RunLog>;
  generation: number;
  rows: number;
}

export function canAppend(l: RunLog, t: PartTrack): boolean {
  return t.log.deref() === l && t.generation === l.generation && l.length >= t.rows;
}

/** The rows appended since `t` (all of them without it) as one chunk, and the new track. */
export function slicePart(l: RunLog, index: number, t?: PartTrack): { part: RunChunk; track: PartTrack; appended: boolean } {
  const from = t?.rows ?? 0;
  return { part: l.chunk(index, from), track: { log: new WeakRef(l), generation: l.generation, rows: l.length }, appended: l.length > from };
}

/** A log from what its record holds and its parts of the chunks, in seq order. */
export function readLog(stored: StoredLog, parts: StoredPart[]): RunLog {
  if (isHeader(stored)) {
    const log = new RunLog(stored.hints);
    for (const p of parts) if (isChunk(p)) log.append(p);
    log.evals = stored.evals ?? [];
    log.probes = stored.probes ?? [];
    return log;
  }
  const legacy = parts.filter((p): p is LegacyPart => !isChunk(p));
  if (!legacy.length) return logFromJson(stored);
  // Version 3: each chunk holds the columns' values appended by one save.
  const cols = new Map<string, number[][]>();
  for (const p of legacy) {
    for (const [k, v] of Object.entries(p.steps)) {
      const l = cols.get(k);
      if (l) l.push(v);
      else cols.set(k, [v]);
    }
  }
  const steps = Object.fromEntries([...cols].map(([k, l]) => [k, l.flat()]));
  return logFromJson({ ...stored, steps, hist: legacy.flatMap((p) => p.hist) });
}
