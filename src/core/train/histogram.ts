import { HIST_BINS, HIST_MAX } from './report';

/** Per-hint histograms of weights [B, K] (row-major) over HIST_BINS bins on [0, HIST_MAX] (the last bin holds everything above). */
export function weightHistograms(w: Float32Array, numHints: number): Float32Array {
  const out = new Float32Array(numHints * HIST_BINS);
  const rows = w.length / numHints;
  for (let i = 0; i < rows; i++) {
    for (let k = 0; k < numHints; k++) {
      const bin = Math.min(HIST_BINS - 1, Math.max(0, Math.floor((w[i * numHints + k] / HIST_MAX) * HIST_BINS)));
      out[k * HIST_BINS + bin]++;
    }
  }
  return out;
}

/** Column means of a [rows, K] row-major matrix. */
export function columnMeans(w: Float32Array, numHints: number): number[] {
  const out = new Array<number>(numHints).fill(0);
  const rows = w.length / numHints;
  for (let i = 0; i < rows; i++) for (let k = 0; k < numHints; k++) out[k] += w[i * numHints + k];
  return out.map((s) => s / Math.max(1, rows));
}
