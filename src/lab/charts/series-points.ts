// Reads one column of a run's series as downsampled (and optionally smoothed) chart points.
import { COL, type MetricColumn } from '../contract';
import type { Series } from '../store/series';
import { downsample, smoothEma, MAX_POINTS, type Point } from './downsample';

/** `scale(step)` multiplies each row's value (e.g. by the β that step used). */
export function columnPoints(s: Series, col: MetricColumn, smoothing = 0, max = MAX_POINTS, scale?: (step: number) => number): Point[] {
  const n = s.length;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const c = COL[col];
  for (let i = 0; i < n; i++) {
    const step = s.get(i, COL.step);
    xs[i] = step + 1; // "after step k+1": a step counter of 1 means one step done
    ys[i] = scale ? s.get(i, c) * scale(step) : s.get(i, c);
  }
  return downsample(xs, smoothing > 0 ? smoothEma(ys, smoothing) : ys, max);
}
