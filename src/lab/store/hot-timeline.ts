// The hot settings over the steps of a run, rebuilt from the settings now and the applied edits
// (each remembers the values it replaced), so a chart can scale a step's loss by the β it used.
import type { HotSettings } from '../../core/train/config';

export interface HotChange {
  /** The step from which the new values apply (a row with this step used them). */
  step: number;
  status: string;
  changed: Partial<HotSettings>;
  /** The values `changed` replaced (unknown for edits made before the page saw the settings). */
  before?: Partial<HotSettings>;
}

export function mergeHot(h: HotSettings, p: Partial<HotSettings>): HotSettings {
  return { ...h, ...p, betas: { ...h.betas, ...p.betas } };
}

/** The values in `h` of the keys that `changed` sets (for an edit's `before`). */
export function replacedBy(h: HotSettings, changed: Partial<HotSettings>): Partial<HotSettings> {
  const out: Partial<HotSettings> = {};
  for (const key of Object.keys(changed) as (keyof HotSettings)[]) {
    if (key === 'betas') out.betas = Object.fromEntries(Object.keys(changed.betas ?? {}).map((b) => [b, h.betas[b as keyof HotSettings['betas']]])) as HotSettings['betas'];
    else (out as Record<string, unknown>)[key] = h[key];
  }
  return out;
}

/** Settings by step, ascending: segment i holds from `from` until the next segment's. */
export function hotTimeline(now: HotSettings, edits: readonly HotChange[]): { from: number; hot: HotSettings }[] {
  const applied = edits.filter((e) => e.status === 'applied').map((e, i) => ({ e, i })).sort((a, b) => a.e.step - b.e.step || a.i - b.i).map(({ e }) => e);
  const out = [{ from: applied.length ? applied[applied.length - 1].step : -Infinity, hot: now }];
  let cur = now;
  for (let j = applied.length - 1; j >= 0; j--) {
    // An edit without its old values cannot be undone: earlier steps keep the values after it.
    cur = mergeHot(cur, applied[j].before ?? {});
    out.unshift({ from: j > 0 ? applied[j - 1].step : -Infinity, hot: cur });
  }
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
