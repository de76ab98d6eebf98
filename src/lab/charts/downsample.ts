// Chart data preparation, as TensorBoard does it: debiased EMA smoothing on the full series,
// then downsampling to at most ~1,500 points, so a long run draws as fast as a short one.

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
 * Picks at most `max` points: the series is cut into equal buckets and each contributes its mean
 * x and y (finite values only). The last point is always the newest value, so the line ends
 * where training is.
 */
export function downsample(xs: ArrayLike<number>, ys: ArrayLike<number>, max = MAX_POINTS): Point[] {
  const n = xs.length;
  const pts: Point[] = [];
  if (n <= max) {
    for (let i = 0; i < n; i++) if (Number.isFinite(ys[i])) pts.push({ x: xs[i], y: ys[i] });
    return pts;
  }
  const per = n / (max - 1);
  for (let b = 0; b < max - 1; b++) {
    const lo = Math.floor(b * per);
    const hi = Math.min(n - 1, Math.floor((b + 1) * per));
    let sx = 0, sy = 0, c = 0;
    for (let i = lo; i < hi; i++) {
      if (!Number.isFinite(ys[i])) continue;
      sx += xs[i];
      sy += ys[i];
      c++;
    }
    if (c) pts.push({ x: sx / c, y: sy / c });
  }
  if (Number.isFinite(ys[n - 1])) pts.push({ x: xs[n - 1], y: ys[n - 1] });
  return pts;
}
