import { describe, expect, it } from 'vitest';
import { latestRows, rangeText } from './summary';

describe('chart summaries', () => {
  it('take the latest finite point of each series', () => {
    const rows = latestRows([
      { name: 'CE', data: [{ x: 1, y: 2.3 }, { x: 2, y: 2.1 }] },
      { name: 'KD', data: [{ x: 1, y: 0.5 }, { x: 2, y: NaN }] },
      { name: 'AT', data: [] },
    ]);
    expect(rows).toEqual([
      { name: 'CE', x: 2, y: 2.1 },
      { name: 'KD', x: 1, y: 0.5 },
      { name: 'AT', x: null, y: null },
    ]);
  });
  it('describe a range of values', () => {
    expect(rangeText([0.5, 1.5, 1, NaN])).toBe('from 0.50 to 1.50, mean 1.00');
    expect(rangeText([])).toBe('none yet');
  });
});
