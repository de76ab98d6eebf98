import { describe, expect, it } from 'vitest';
import type { RunLog } from '../../core/runs/run-log';
import { logFrom } from '../../core/runs/run-log.test-util';
import { defaultLabConfig } from '../config/lab-config';
import { hotAt, hotTimeline } from '../store/hot-timeline';
import { RUN_COLORS, TERM_DASH } from './colors';
import { lossLines, runTerms } from './loss-terms';

const hot = defaultLabConfig().hot;

function series(n: number, at: number): RunLog {
  return logFrom(['kd', 'at'], n, { 'loss.ce': () => 2, 'loss.kd': () => 0.5, 'loss.at': () => at, 'loss.total': () => 3 });
}

const opts = { smoothing: 0, logY: false, hotAt: () => hot };

describe('loss lines', () => {
  it('has a meta line only where a meta-weight network learns', () => {
    expect(runTerms('kd', ['kd'], false)).toEqual(['ce', 'kd']);
    expect(runTerms('ce', [], false)).toEqual(['ce']);
    expect(runTerms('hkd', ['kd', 'fitnet', 'at'], false)).toEqual(['ce', 'kd', 'fitnet', 'at', 'meta']);
    // Weighted: the terms of the total, and the total itself (the meta loss is no part of it).
    expect(runTerms('hkd', ['kd', 'at'], true)).toEqual(['ce', 'kd', 'at', 'total']);
  });

  it('in compare mode colours by run, dashes by term and names only lines that exist', () => {
    const runs = [
      { info: { method: 'kd' as const, label: 'KD', hints: ['kd' as const] }, series: series(4, 0) },
      { info: { method: 'hkd' as const, label: 'HKD', hints: ['kd' as const, 'at' as const] }, series: series(4, 0.01) },
    ];
    const lines = lossLines(runs, { ...opts, weighted: false });
    expect(lines.map((l) => l.name)).toEqual(['KD: CE', 'KD: KD', 'HKD: CE', 'HKD: KD', 'HKD: AT', 'HKD: meta']);
    expect(lines.map((l) => l.color)).toEqual([0, 0, 1, 1, 1, 1].map((i) => RUN_COLORS[i]));
    expect(lines.map((l) => l.dash)).toEqual(['ce', 'kd', 'ce', 'kd', 'at', 'meta'].map((t) => TERM_DASH[t]));
  });

  it('weighted shows each term times its factor in the total, with the factor each step used', () => {
    const runs = [{ info: { method: 'hkd' as const, label: 'HKD', hints: ['kd' as const, 'at' as const] }, series: series(6, 0.01) }];
    const raw = lossLines(runs, { ...opts, weighted: false });
    expect(raw.find((l) => l.name === 'AT')!.data.map((p) => p.y)).toEqual(Array(6).fill(0.01));
    // β at was 100 until step 3, then 10 (a live edit).
    const t = hotTimeline({ ...hot, betas: { ...hot.betas, at: 100 } }, [{ step: 3, status: 'applied', changed: { betas: { at: 10 } as never } }]);
    const w = lossLines(runs, { ...opts, weighted: true, hotAt: (s) => hotAt(t, s) });
    expect(w.find((l) => l.name === 'AT')!.data.map((p) => p.y)).toEqual([1, 1, 1, 0.1, 0.1, 0.1].map((y) => expect.closeTo(y, 9)));
    expect(w.find((l) => l.name === 'CE')!.data[0].y).toBeCloseTo(2 * hot.gamma, 9);
    expect(w.find((l) => l.name === 'KD')!.data[0].y).toBeCloseTo(0.5 * hot.betas.kd, 9);
    expect(w.find((l) => l.name === 'total')!.data[0].y).toBe(3);
    // A CE-only run trains CE at full weight.
    const ce = lossLines([{ info: { method: 'ce', label: 'CE', hints: [] }, series: series(2, 0) }], { ...opts, weighted: true });
    expect(ce.find((l) => l.name === 'CE')!.data[0].y).toBe(2);
  });
});
