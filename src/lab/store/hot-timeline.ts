// The hot settings over the steps of a run, replayed forwards from the settings it started with
// through its applied edits, so a chart can scale a step's loss by the β it used. Forwards needs
// nothing but each edit's change, so saved runs of any age rebuild the same way.
import { mergeHot } from '../../core/settings/edits';
import type { HotSettings } from '../../core/train/config';

export interface HotChange {
  /** The step from which the new values apply (a row with this step used them). */
  step: number;
  status: string;
  changed: Partial<HotSettings>;
}

/** Settings by step, ascending: segment i holds from `from` until the next segment's. */
export function hotTimeline(start: HotSettings, edits: readonly HotChange[]): { from: number; hot: HotSettings }[] {
  // Stable by step: edits at one step apply in the order they were made.
  const applied = edits.filter((e) => e.status === 'applied').map((e, i) => ({ e, i })).sort((a, b) => a.e.step - b.e.step || a.i - b.i).map(({ e }) => e);
  const out = [{ from: -Infinity, hot: start }];
  for (const e of applied) out.push({ from: e.step, hot: mergeHot(out[out.length - 1].hot, e.changed) });
  return out;
}

/** The settings step `step` ran with. */
export function hotAt(timeline: { from: number; hot: HotSettings }[], step: number): HotSettings {
  let lo = 0;
  for (let hi = timeline.length - 1; lo < hi; ) {
    const mid = (lo + hi + 1) >> 1;
    if (timeline[mid].from <= step) lo = mid;
    else hi = mid - 1;
  }
  return timeline[lo].hot;
}
