import { describe, expect, it } from 'vitest';
import { pairedDifference, summarise } from './stats';

describe('summaries over seeds', () => {
  it('gives the mean and the sample standard deviation', () => {
    const s = summarise([81, 82, 83]);
    expect(s.mean).toBe(82);
    expect(s.sd).toBeCloseTo(1, 12);
    expect(summarise([5]).sd).toBeNaN();
  });

  it('pairs by seed: a constant shift has a zero-width interval, noise widens it by t(0.975, n−1)·sd/√n', () => {
    const tight = pairedDifference([83, 84, 85], [81, 82, 83]);
    expect([tight.mean, tight.lo, tight.hi, tight.excludesZero]).toEqual([2, 2, 2, true]);
    // Differences 1, 2, 3: sd 1, t(0.975, 2) = 4.3027, half-width 4.3027/√3 = 2.484.
    const d = pairedDifference([2, 4, 6], [1, 2, 3]);
    expect(d.hi - d.mean).toBeCloseTo(2.4841, 3);
    expect(d.excludesZero).toBe(false);
    expect(() => pairedDifference([1], [1, 2])).toThrow(/pair them by seed/);
  });
});
