// Column-bucketing for the weight heat strip: many steps' histograms → `width` columns.
import { HIST_BINS } from '../../core/train/report';

/** Mean histogram (as fractions of each batch) per column, hint slot `slot`. Returns width × HIST_BINS. */
export function heatColumns(hist: Float32Array, rows: number, histLen: number, slot: number, width: number): Float32Array {
  const out = new Float32Array(width * HIST_BINS);
  if (rows === 0) return out;
  const cols = Math.min(width, rows);
  for (let c = 0; c < cols; c++) {
    const lo = Math.floor((c * rows) / cols);
    const hi = Math.max(lo + 1, Math.floor(((c + 1) * rows) / cols));
    for (let r = lo; r < hi; r++) {
      const o = r * histLen + slot * HIST_BINS;
      let total = 0;
      for (let b = 0; b < HIST_BINS; b++) total += hist[o + b];
      if (!total) continue;
      for (let b = 0; b < HIST_BINS; b++) out[c * HIST_BINS + b] += hist[o + b] / total / (hi - lo);
    }
  }
  return out;
}

/** A perceptual dark-to-bright ramp (viridis-like) for t in [0, 1]. */
export function ramp(t: number): [number, number, number] {
  const stops: [number, number, number][] = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
  const x = Math.max(0, Math.min(1, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  return [0, 1, 2].map((k) => Math.round(stops[i][k] + f * (stops[i + 1][k] - stops[i][k]))) as [number, number, number];
}

/** Where a fraction sits on the ramp: the strips draw sqrt(fraction), so thin tails stay visible. */
export const heatPosition = (fraction: number): number => Math.sqrt(Math.max(0, Math.min(1, fraction)));

/** The colour scale's labelled fractions (of a batch in one weight bin), at their ramp positions. */
export const HEAT_SCALE_TICKS: readonly { fraction: number; label: string; at: number }[] = [0, 0.05, 0.25, 0.5, 1].map((f) => ({ fraction: f, label: `${Math.round(f * 100)}%`, at: heatPosition(f) }));

/** The ramp as colour stops (offset 0..1, css colour), for the scale bar (CSS gradient, SVG). */
export function heatStops(n = 11): { offset: number; color: string }[] {
  return Array.from({ length: n }, (_, i) => {
    const t = i / (n - 1);
    return { offset: t, color: `rgb(${ramp(t).join(',')})` };
  });
}
