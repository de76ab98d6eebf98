import { describe, expect, it } from 'vitest';
import { COL, HIST_LEN, NCOLS } from '../contract';
import { Series } from '../store/series';
import { RUN_COLORS, TERM_COLORS, TERM_DASH } from './colors';
import { mixLines } from './mix-lines';

function series(v: number, vt: number): Series {
  const s = new Series();
  const rows = new Float64Array(NCOLS);
  rows[COL.v_kd] = v;
  rows[COL.vt_kd] = vt;
  rows[COL.v_at] = v;
  rows[COL.vt_at] = vt;
  s.append(rows, new Float32Array(HIST_LEN));
  return s;
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
