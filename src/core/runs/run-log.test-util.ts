// Chunks for tests: n rows with the given columns computed from the row index (others NaN).
import { HIST_LEN, NCOLS, columnIndex, RunLog, type LogColumn, type RunChunk } from './run-log';
import type { HintId } from '../train/config';

export function chunkFrom(runId: number, n: number, cols: Partial<Record<LogColumn, (i: number) => number>>, from = 0): RunChunk {
  const values = new Float64Array(n * NCOLS).fill(NaN);
  for (const [name, f] of Object.entries(cols)) {
    const o = columnIndex(name) * n;
    for (let i = 0; i < n; i++) values[o + i] = f!(from + i);
  }
  return { runId, length: n, values, hist: new Float32Array(n * HIST_LEN) };
}

/** A log of one chunk (see chunkFrom). */
export function logFrom(hints: HintId[], n: number, cols: Partial<Record<LogColumn, (i: number) => number>>): RunLog {
  const log = new RunLog(hints);
  log.append(chunkFrom(0, n, { step: (i) => i, ...cols }));
  return log;
}
