import { describe, expect, it } from 'vitest';
import type { RunLog } from '../../core/runs/run-log';
import { logFrom } from '../../core/runs/run-log.test-util';
import { RUN_COLORS, TERM_COLORS, TERM_DASH } from './colors';
import { mixLines } from './mix-lines';

function series(v: number, vt: number): RunLog {
  return logFrom(['kd', 'at'], 1, { 'v.kd': () => v, 'vt.kd': () => vt, 'v.at': () => v, 'vt.at': () => vt });
}

describe('hint-mix lines', () => {
  it('one run: colour by hint, v dashed beside ṽ', () => {
    const lines = mixLines([{ info: { label: 'HKD', hints: ['kd', 'at'] }, series: series(1.5, 1.2) }], 'vt');
    expect(lines.map((l) => l.name)).toEqual(['ṽ kd', 'v kd', 'ṽ at', 'v at']);
    expect(lines.map((l) => l.color)).toEqual([TERM_COLORS.kd, TERM_COLORS.kd, TERM_COLORS.at, TERM_COLORS.at]);
    expect(lines.map((l) => l.data[0].y)).toEqual([1.2, 1.5, 1.2, 1.5]);
  });

  it('compare: colour by run, dash by hint, only the chosen weight, only hints each run has', () => {
    const runs = [{ info: { label: 'KD', hints: ['kd' as const] }, series: series(1, 1) }, { info: { label: 'HKD', hints: ['kd' as const, 'at' as const] }, series: series(1.5, 1.2) }];
    const vt = mixLines(runs, 'vt');
    expect(vt.map((l) => l.name)).toEqual(['KD: ṽ kd', 'HKD: ṽ kd', 'HKD: ṽ at']);
    expect(vt.map((l) => l.color)).toEqual([RUN_COLORS[0], RUN_COLORS[1], RUN_COLORS[1]]);
    expect(vt.map((l) => l.dash)).toEqual([TERM_DASH.kd, TERM_DASH.kd, TERM_DASH.at]);
    expect(mixLines(runs, 'v').map((l) => l.data[0].y)).toEqual([1, 1.5, 1.5]);
  });
});
