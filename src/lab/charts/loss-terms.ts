// Which loss terms a run has, and the factor that turns each into what it adds to the total
// (LossChart.tsx). The total is γ·CE + β_h·(ṽ-weighted hint losses) (core/meta/look-ahead.ts);
// the meta loss trains the meta-weight network and is no part of it.
import { METHOD_SPECS } from '../../core/methods/methods';
import type { HintId, HotSettings, MethodId } from '../../core/train/config';
import type { RunLog } from '../../core/runs/run-log';
import { runColor, TERM_COLORS, TERM_DASH } from './colors';
import { columnPoints } from './series-points';
import type { PlotLine } from './series-lines';

/** A loss term: its column in the run log is `loss.<term>`. */
export type LossTerm = 'ce' | 'total' | 'meta' | HintId;

export const TERM_LABELS: Record<string, string> = { ce: 'CE', kd: 'KD', fitnet: 'FitNet', at: 'AT', meta: 'meta', total: 'total' };

/** The terms a run records: CE, each of its hints, the meta loss only where a meta-weight net learns. */
export function runTerms(method: MethodId, hints: readonly HintId[], weighted: boolean): LossTerm[] {
  const meta = METHOD_SPECS[method].weighting === 'meta';
  return weighted ? ['ce', ...hints, 'total'] : ['ce', ...hints, ...(meta ? (['meta'] as const) : [])];
}

/** The factor of a term in the total under settings `hot`: γ for CE (1 without hints), β for a hint. */
export function termFactor(col: LossTerm, hints: readonly HintId[], hot: HotSettings): number {
  if (col === 'ce') return hints.length === 0 ? 1 : hot.gamma;
  if (col === 'kd' || col === 'fitnet' || col === 'at') return hot.betas[col];
  return 1;
}

/** The y-axis title for raw or weighted terms. */
export const lossAxisTitle = (weighted: boolean) => (weighted ? 'γ·CE and β·L' : 'loss, batch mean');

/** One chart line per existing term of each run: colour by term, or by run (dash by term) when comparing. */
export function lossLines(
  runs: readonly { info: { method: MethodId; label: string; hints: HintId[] }; series: RunLog }[],
  opts: { smoothing: number; logY: boolean; weighted: boolean; hotAt: (step: number) => HotSettings },
): PlotLine[] {
  const compare = runs.length > 1;
  return runs.flatMap((r, i) =>
    runTerms(r.info.method, r.info.hints, opts.weighted).map((col) => ({
      key: `${i}-${col}`,
      name: compare ? `${r.info.label}: ${TERM_LABELS[col]}` : TERM_LABELS[col],
      color: compare ? runColor(i) : TERM_COLORS[col],
      dash: TERM_DASH[col],
      data: columnPoints(r.series, `loss.${col}`, opts.smoothing, undefined, opts.weighted ? (step) => termFactor(col, r.info.hints, opts.hotAt(step)) : undefined).filter((p) => !opts.logY || p.y > 0),
    })),
  );
}
