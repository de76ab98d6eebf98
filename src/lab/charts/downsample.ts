// Chart data preparation, as TensorBoard does it: debiased EMA smoothing on the full series,
// then downsampling to at most ~1,500 points (min/max per bucket), so a long run draws as fast as
// a short one and a spike still shows.

export const MAX_POINTS = 1500;

export interface Point {
  x: number;
  y: number;
}

/**
 * Debiased exponential moving average (TensorBoard's smoothing): the running average is divided
 * by 1 − w^n so early values are not pulled toward zero. NaN inputs are skipped (kept NaN).
 */
export function smoothEma(ys: ArrayLike<number>, weight: number): Float64Array {
  const out = new Float64Array(ys.length);
  if (weight <= 0) {
    for (let i = 0; i < ys.length; i++) out[i] = ys[i];
    return out;
  }
  let last = 0;
  let n = 0;
  for (let i = 0; i < ys.length; i++) {
    const y = ys[i];
    if (!Number.isFinite(y)) {
      out[i] = NaN;
      continue;
    }
    last = last * weight + (1 - weight) * y;
    n++;
    out[i] = last / (1 - Math.pow(weight, n));
  }
  return out;
}

/**
 * Picks at most `max` points at draw time: the series is cut into equal buckets of rows and each
 * contributes its lowest and its highest finite point, in step order. A mean per bucket would
 * average a one-step divergence spike away; min/max keeps it. The last point is always the
 * newest value, so the line ends where training is.
 */
export function downsample(xs: ArrayLike<number>, ys: ArrayLike<number>, max = MAX_POINTS): Point[] {
  const n = xs.length;
  const pts: Point[] = [];
  if (n <= max) {
    for (let i = 0; i < n; i++) if (Number.isFinite(ys[i])) pts.push({ x: xs[i], y: ys[i] });
    return pts;
  }
  // Two points per bucket, plus the newest row on its own.
  const buckets = Math.max(1, Math.floor((max - 1) / 2));
  const per = (n - 1) / buckets;
  for (let b = 0; b < buckets; b++) {
    const lo = Math.floor(b * per);
    const hi = b === buckets - 1 ? n - 1 : Math.floor((b + 1) * per);
    let iMin = -1, iMax = -1;
    for (let i = lo; i < hi; i++) {
      const y = ys[i];
      if (!Number.isFinite(y)) continue;
      if (iMin < 0 || y < ys[iMin]) iMin = i;
      if (iMax < 0 || y > ys[iMax]) iMax = i;
    }
    if (iMin < 0) continue;
    for (const i of iMin === iMax ? [iMin] : [Math.min(iMin, iMax), Math.max(iMin, iMax)]) pts.push({ x: xs[i], y: ys[i] });
  }
  if (Number.isFinite(ys[n - 1])) pts.push({ x: xs[n - 1], y: ys[n - 1] });
  return pts;
}
