import { describe, expect, it } from 'vitest';
import { COL, HIST_LEN, NCOLS } from '../contract';
import { MAX_ROWS, Series } from './series';

function chunk(from: number, n: number) {
  const rows = new Float64Array(n * NCOLS);
  for (let i = 0; i < n; i++) rows[i * NCOLS + COL.step] = from + i;
  return { rows, hist: new Float32Array(n * HIST_LEN) };
}

describe('Series', () => {
  it('appends, grows and truncates by step', () => {
    const s = new Series();
    const a = chunk(0, 300);
    s.append(a.rows, a.hist);
    expect(s.length).toBe(300);
    expect(s.get(299, COL.step)).toBe(299);
    s.truncateFromStep(100);
    expect(s.length).toBe(100);
    expect(s.get(99, COL.step)).toBe(99);
  });

  it('stays bounded and keeps the newest row', () => {
    const s = new Series();
    for (let i = 0; i < 30; i++) {
      const c = chunk(i * 1000, 1000);
      s.append(c.rows, c.hist);
    }
    expect(s.length).toBeLessThanOrEqual(MAX_ROWS);
    expect(s.get(s.length - 1, COL.step)).toBe(29_999);
    for (let i = 1; i < s.length; i++) expect(s.get(i, COL.step)).toBeGreaterThan(s.get(i - 1, COL.step));
  });
});
