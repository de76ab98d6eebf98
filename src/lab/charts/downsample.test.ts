import { describe, expect, it } from 'vitest';
import { downsample, smoothEma } from './downsample';

describe('smoothEma', () => {
  it('is debiased: a constant series stays constant', () => {
    const s = smoothEma([5, 5, 5, 5], 0.9);
    for (const v of s) expect(v).toBeCloseTo(5, 10);
  });
  it('returns the input at weight 0 and skips NaN', () => {
    expect(Array.from(smoothEma([1, 2, 3], 0))).toEqual([1, 2, 3]);
    const s = smoothEma([1, NaN, 3], 0.5);
    expect(s[0]).toBe(1);
    expect(Number.isNaN(s[1])).toBe(true);
    expect(s[2]).toBeCloseTo((0.5 * 0.5 * 1 + 0.5 * 3) / (1 - 0.25), 10);
  });
});

describe('downsample', () => {
  it('keeps short series as they are, minus NaN', () => {
    expect(downsample([0, 1, 2], [1, NaN, 3])).toEqual([{ x: 0, y: 1 }, { x: 2, y: 3 }]);
  });
  it('caps long series and ends on the newest point', () => {
    const n = 100_000;
    const xs = Float64Array.from({ length: n }, (_, i) => i);
    const ys = Float64Array.from({ length: n }, (_, i) => i * 2);
    const p = downsample(xs, ys, 1500);
    expect(p.length).toBeLessThanOrEqual(1500);
    expect(p[p.length - 1]).toEqual({ x: n - 1, y: 2 * (n - 1) });
    for (let i = 1; i < p.length; i++) expect(p[i].x).toBeGreaterThan(p[i - 1].x);
  });
  it('keeps a single divergence spike in 50k rows, and each bucket\'s low', () => {
    const n = 50_000;
    const xs = Float64Array.from({ length: n }, (_, i) => i);
    const ys = Float64Array.from({ length: n }, (_, i) => 1 + 0.01 * Math.sin(i));
    ys[31_337] = 1e4;
    ys[12_345] = -5;
    const p = downsample(xs, ys, 1500);
    expect(p.length).toBeLessThanOrEqual(1500);
    expect(p).toContainEqual({ x: 31_337, y: 1e4 });
    expect(p).toContainEqual({ x: 12_345, y: -5 });
    expect(Math.max(...p.map((q) => q.y))).toBe(1e4);
  });
});
