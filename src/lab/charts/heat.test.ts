import { describe, expect, it } from 'vitest';
import { HIST_BINS } from '../../core/train/report';
import { heatColumns, ramp } from './heat';

describe('heatColumns', () => {
  it('averages fractions per column', () => {
    const histLen = 3 * HIST_BINS;
    const rows = 4;
    const hist = new Float32Array(rows * histLen);
    for (let r = 0; r < rows; r++) hist[r * histLen + HIST_BINS + (r < 2 ? 0 : 19)] = 8; // slot 1
    const h = heatColumns(hist, rows, histLen, 1, 2);
    expect(h[0]).toBeCloseTo(1);
    expect(h[HIST_BINS + 19]).toBeCloseTo(1);
  });
  it('ramps from dark to bright', () => {
    expect(ramp(0)).toEqual([68, 1, 84]);
    expect(ramp(1)).toEqual([253, 231, 37]);
  });
});
