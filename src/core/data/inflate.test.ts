import { describe, expect, it } from 'vitest';
import { deflateBomb, deflateRaw } from './deflate-bomb.test-util';
import { inflateBounded, type InflateOptions } from './inflate';

const data = new Uint8Array(300_000).map((_, i) => (i * 31 + (i >> 9)) % 251);
const raw = deflateRaw(data);
const opts = (o: Partial<InflateOptions>): InflateOptions => ({ limit: 1 << 30, reserve: data.length, pastReserve: 'count', ...o });

describe('inflateBounded', () => {
  it('inflates into the reserved buffer when the stated size is right', () => {
    const r = inflateBounded(raw, 'raw', opts({}));
    expect(r.status).toBe('ended');
    if (r.status !== 'ended') return;
    expect(r.produced).toBe(data.length);
    expect(r.consumed).toBe(raw.length);
    expect(r.data!.findIndex((v, i) => v !== data[i])).toBe(-1);
  });

  it('past the reserve: grows with "keep", only counts with "count"', () => {
    const kept = inflateBounded(raw, 'raw', opts({ reserve: 10, pastReserve: 'keep' }));
    expect(kept.status === 'ended' && kept.data!.length).toBe(data.length);
    expect(kept.status === 'ended' && kept.data!.findIndex((v, i) => v !== data[i])).toBe(-1);
    const counted = inflateBounded(raw, 'raw', opts({ reserve: 10 }));
    expect(counted).toMatchObject({ status: 'ended', data: null, produced: data.length });
  });

  it('never produces more than limit + 1 bytes, and reports progress in produced bytes', () => {
    for (const [reserve, pastReserve] of [[0, 'count'], [5 << 20, 'count'], [0, 'keep']] as const) {
      const seen: number[] = [];
      const r = inflateBounded(deflateBomb(64), 'raw', { limit: 40_000_000, reserve, pastReserve, onProgress: (p) => seen.push(p) });
      expect(r, `${pastReserve} from ${reserve}`).toMatchObject({ status: 'over-limit', produced: 40_000_001 });
      expect(seen.length).toBeGreaterThan(100);
      expect(seen.every((p, i) => p <= 40_000_000 && (i === 0 || p > seen[i - 1]))).toBe(true);
    }
  });

  it('tells input that ends early from data zlib refuses', () => {
    expect(inflateBounded(raw.subarray(0, raw.length >> 1), 'raw', opts({}))).toMatchObject({ status: 'error', truncated: true });
    const bad = raw.slice();
    bad[0] = 0xff; // a reserved block type
    expect(inflateBounded(bad, 'raw', opts({}))).toMatchObject({ status: 'error', truncated: false, message: 'invalid block type' });
  });

  it('stops when checkAbort throws', () => {
    let calls = 0;
    const stop = () => {
      if (++calls === 3) throw new Error('cancelled');
    };
    expect(() => inflateBounded(deflateBomb(64), 'raw', opts({ reserve: 0, checkAbort: stop }))).toThrow('cancelled');
    expect(calls).toBe(3);
  });
});
