import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { chooseProbes } from './probes';

describe('chooseProbes', () => {
  const labels = new Uint8Array(1000).map((_, i) => (i * 7 + (i >> 3)) % 10);

  it('is class-stratified, round-robin and distinct', () => {
    const p = chooseProbes(labels, 10, 64, Rng.fromSeed(1));
    expect(p.length).toBe(64);
    expect(new Set(p).size).toBe(64);
    const perClass = new Array(10).fill(0);
    p.forEach((idx, i) => {
      expect(labels[idx]).toBe(i % 10);
      perClass[labels[idx]]++;
    });
    expect(Math.max(...perClass) - Math.min(...perClass)).toBeLessThanOrEqual(1);
  });

  it('is fixed by the seed', () => {
    expect(chooseProbes(labels, 10, 64, Rng.fromSeed(2))).toEqual(chooseProbes(labels, 10, 64, Rng.fromSeed(2)));
    expect(chooseProbes(labels, 10, 64, Rng.fromSeed(2))).not.toEqual(chooseProbes(labels, 10, 64, Rng.fromSeed(3)));
  });

  it('fills from other classes when one runs out', () => {
    const few = new Uint8Array([0, 1, 1, 1, 1, 2, 2, 2, 2]);
    const p = chooseProbes(few, 3, 6, Rng.fromSeed(4));
    expect(p.length).toBe(6);
    expect(new Set(p).size).toBe(6);
    expect([...p].filter((i) => few[i] === 0)).toHaveLength(1);
    expect(chooseProbes(few, 3, 64, Rng.fromSeed(4)).length).toBe(9);
  });
});
