// The hint-mix chart's lines (HintMixChart.tsx). One run: colour by hint, raw v dashed beside the
// ṽ the step used. Comparing runs: colour by run, dash by hint, and one of v or ṽ at a time (both
// would be runs × hints × 2 lines in two dash styles that no longer tell hints apart).
import type { HintId } from '../../core/train/config';
import type { RunLog } from '../../core/runs/run-log';
import { runColor, TERM_COLORS, TERM_DASH } from './colors';
import { columnPoints } from './series-points';
import type { PlotLine } from './series-lines';

export type MixShow = 'vt' | 'v';

export function mixLines(runs: readonly { info: { label: string; hints: HintId[] }; series: RunLog }[], show: MixShow): PlotLine[] {
  if (runs.length <= 1) {
    return runs.flatMap((r) => r.info.hints.flatMap((h) => [
      { key: `0-vt-${h}`, name: `ṽ ${h}`, color: TERM_COLORS[h], dash: undefined, data: columnPoints(r.series, `vt.${h}`, 0.5) },
      { key: `0-v-${h}`, name: `v ${h}`, color: TERM_COLORS[h], dash: '4 4', data: columnPoints(r.series, `v.${h}`, 0.5) },
    ]));
  }
  const sym = show === 'vt' ? 'ṽ' : 'v';
  return runs.flatMap((r, i) => r.info.hints.map((h) => (
    { key: `${i}-${show}-${h}`, name: `${r.info.label}: ${sym} ${h}`, color: runColor(i), dash: TERM_DASH[h], data: columnPoints(r.series, `${show}.${h}` as const, 0.5) }
  )));
}
