// Live edits by name: the hot settings' paths in edit logs (`lr`, `betas.kd`), their checks and
// their one label (chart markers, the edit status, saved runs and run files all show the same).
import type { Setting } from './define';
import type { HintId } from './ids';
import { BY_EDIT, SETTINGS, getSetting } from './registry';
import type { HotSettings } from './schema';

/** A hot setting's path in an edit: a hot key, or `betas.<hint>`. */
export type EditSetting = Exclude<keyof HotSettings, 'betas'> | `betas.${HintId}`;

export const EDIT_SETTINGS: readonly EditSetting[] = SETTINGS.flatMap((e) => (e.edit ? [e.edit as EditSetting] : []));

/** The setting an edit changes, or null when `name` is not a live setting. */
export function editSetting(name: string): Setting<number> | null {
  return (BY_EDIT.get(name)?.setting as Setting<number> | undefined) ?? null;
}

/** An edit's label, from the schema's short labels: `lr=0.02`, `T=2`, `βkd=0.5`. */
export function editLabel(e: { setting: string; to: number }): string {
  return `${editSetting(e.setting)?.short ?? e.setting}=${e.to}`;
}

/**
 * A live edit as the controls send it: the change and its marker label, both from the one-setting
 * form the edit log keeps, so the marker reads the same after a reload or a replay.
 */
export function liveEdit(setting: EditSetting, to: number): { changed: Partial<HotSettings>; label: string } {
  return { changed: editToPartial({ setting, to }), label: editLabel({ setting, to }) };
}

/** Several changes at once, as the edit status says them: `lr = 0.02, βkd = 2`. */
export function describeChange(c: Partial<HotSettings>): string {
  return Object.entries(flattenPartial(c)).map(([k, to]) => `${editSetting(k)?.short ?? k} = ${to}`).join(', ');
}

/** The hot settings as flat edit paths → values. */
export function flattenHot(h: HotSettings): Record<EditSetting, number> {
  return Object.fromEntries(EDIT_SETTINGS.map((k) => [k, getSetting({ cold: {}, hot: h }, BY_EDIT.get(k)!)])) as Record<EditSetting, number>;
}

function flattenPartial(c: Partial<HotSettings>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, x] of Object.entries(c)) {
    if (k === 'betas' && x && typeof x === 'object') for (const [h, b] of Object.entries(x)) out[`betas.${h}`] = b as number;
    else out[k] = x as number;
  }
  return out;
}

/** The hot settings after a change: the one merge (trainer, worker, the page's timeline), betas key by key. */
export function mergeHot(h: HotSettings, p: Partial<HotSettings>): HotSettings {
  return { ...h, ...p, betas: { ...h.betas, ...p.betas } };
}

/** One edit as a partial hot change. */
export function editToPartial(e: { setting: string; to: number }): Partial<HotSettings> {
  if (e.setting.startsWith('betas.')) return { betas: { [e.setting.slice(6)]: e.to } as HotSettings['betas'] };
  return { [e.setting]: e.to } as Partial<HotSettings>;
}
