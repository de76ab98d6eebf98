// Summaries over seeds (HKD.md §7): mean ± sample standard deviation, and paired differences with
// a 95 % Student-t interval. The same seed gives every method the same initialisation and batches,
// so a per-seed difference removes the seed's own luck.
import jStat from 'jstat';

export interface Summary {
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1); NaN for fewer than 2 values. */
  sd: number;
}

export function summarise(xs: readonly number[]): Summary {
  const n = xs.length;
  const mean = n ? xs.reduce((a, b) => a + b, 0) / n : NaN;
  const sd = n > 1 ? Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1)) : NaN;
  return { n, mean, sd };
}

export interface PairedInterval extends Summary {
  /** The 95 % interval of the mean difference: mean ± t(0.975, n−1)·sd/√n. */
  lo: number;
  hi: number;
  /** The interval excludes 0: a difference the seeds support. */
  excludesZero: boolean;
}

/** a − b per seed (the arrays are aligned by seed), with its 95 % interval. */
export function pairedDifference(a: readonly number[], b: readonly number[]): PairedInterval {
  if (a.length !== b.length) throw new Error(`pairedDifference: ${a.length} values against ${b.length}; pair them by seed`);
  const s = summarise(a.map((x, i) => x - b[i]));
  const half = s.n > 1 ? jStat.studentt.inv(0.975, s.n - 1) * (s.sd / Math.sqrt(s.n)) : NaN;
  const lo = s.mean - half;
  const hi = s.mean + half;
  return { ...s, lo, hi, excludesZero: Number.isFinite(half) && (lo > 0 || hi < 0) };
}
