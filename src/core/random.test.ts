import { describe, expect, it } from 'vitest';
import { Rng } from './random';

describe('Rng', () => {
  it('repeats for a seed and differs across seeds', () => {
    const a = Rng.fromSeed(7), b = Rng.fromSeed(7), c = Rng.fromSeed(8);
    const da = Array.from({ length: 5 }, () => a.float());
    const db = Array.from({ length: 5 }, () => b.float());
    const dc = Array.from({ length: 5 }, () => c.float());
    expect(da).toEqual(db);
    expect(da).not.toEqual(dc);
  });

  it('restores from its state', () => {
    const a = Rng.fromSeed(3);
    a.float();
    const b = Rng.fromState(a.state());
    expect(b.float()).toBe(a.float());
  });

  it('derives independent named streams', () => {
    expect(Rng.stream(1, 'shuffle').float()).not.toBe(Rng.stream(1, 'augment').float());
    expect(Rng.stream(1, 'shuffle').float()).toBe(Rng.stream(1, 'shuffle').float());
  });

  it('permutes every index once', () => {
    const p = Array.from(Rng.fromSeed(1).permutation(100)).sort((x, y) => x - y);
    expect(p).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('keeps truncated normals within two standard deviations', () => {
    const xs = Rng.fromSeed(2).truncatedNormal(2000, 0.5);
    expect(Math.max(...xs.map(Math.abs))).toBeLessThanOrEqual(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.05);
  });
});
