// Reads one column of a run's log as downsampled (and optionally smoothed) chart points.
import type { LogColumn, RunLog } from '../../core/runs/run-log';
import { downsample, smoothEma, MAX_POINTS, type Point } from './downsample';

/** `scale(step)` multiplies each row's value (e.g. by the β that step used). */
export function columnPoints(s: RunLog, col: LogColumn, smoothing = 0, max = MAX_POINTS, scale?: (step: number) => number): Point[] {
  const steps = s.column('step');
  const values = s.column(col);
  // "after step k+1": a step counter of 1 means one step done
  const xs = Float64Array.from(steps, (st) => st + 1);
  const ys = scale ? Float64Array.from(values, (v, i) => v * scale(steps[i])) : values;
  return downsample(xs, smoothing > 0 ? smoothEma(ys, smoothing) : ys, max);
}
