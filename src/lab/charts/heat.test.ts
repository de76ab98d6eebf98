import { describe, expect, it } from 'vitest';
import { HIST_BINS } from '../../core/train/report';
import { HEAT_SCALE_TICKS, heatColumns, heatPosition, heatStops, ramp } from './heat';
import { stepTicks } from './ticks';

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

describe('the heat colour scale', () => {
  it('labels fractions where the strip draws them (sqrt), from the dark end to the bright one', () => {
    expect(HEAT_SCALE_TICKS.map((t) => t.label)).toEqual(['0%', '5%', '25%', '50%', '100%']);
    expect(HEAT_SCALE_TICKS[2].at).toBeCloseTo(0.5);
    expect(heatPosition(0.25)).toBeCloseTo(0.5);
    const stops = heatStops(5);
    expect(stops[0]).toEqual({ offset: 0, color: 'rgb(68,1,84)' });
    expect(stops[4]).toEqual({ offset: 1, color: 'rgb(253,231,37)' });
  });
});

describe('stepTicks', () => {
  it('puts round steps between the first and last, none crowding an end', () => {
    expect(stepTicks(1, 100)).toEqual([1, 20, 40, 60, 80, 100]);
    expect(stepTicks(1, 1203)).toEqual([1, 200, 400, 600, 800, 1000, 1203]);
    expect(stepTicks(3, 7)).toEqual([3, 4, 5, 6, 7]);
    expect(stepTicks(5, 5)).toEqual([5]);
    const t = stepTicks(1, 98_765);
    expect(t[0]).toBe(1);
    expect(t[t.length - 1]).toBe(98_765);
    expect(t.length).toBeGreaterThanOrEqual(4);
    expect(t.length).toBeLessThanOrEqual(8);
  });
});
