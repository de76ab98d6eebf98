// Every setting in one flat list, each with the names it goes by: its URL key, its CLI flag and
// (hot settings) its path in edit logs. Lookups are Maps, so no name can hit Object.prototype.
import { COLD } from './cold';
import type { Setting } from './define';
import { BETAS, HOT } from './hot';
import { HINTS } from './ids';
import { LAB } from './lab';

export type Group = 'cold' | 'hot' | 'lab';

export interface SettingEntry {
  group: Group;
  /** Where the value sits: in `cold`/`hot` (`['betas', 'kd']` for a β), or at the top of the lab's configuration. */
  path: readonly string[];
  /** The link's key: the field name, `beta_<hint>` for β. */
  urlKey: string;
  /** The CLI flag without `--`: the kebab-case key (`totalSteps` is `--steps`, the run length). */
  flag: string;
  /** Hot settings: the setting's name in edit logs (`lr`, `betas.kd`). */
  edit?: string;
  setting: Setting<any>;
}

const kebab = (k: string) => k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const FLAG_NAMES: Record<string, string> = { totalSteps: 'steps' };

const entry = (group: Group, key: string, setting: Setting<any>): SettingEntry => ({
  group, path: [key], urlKey: key, flag: Object.hasOwn(FLAG_NAMES, key) ? FLAG_NAMES[key] : kebab(key), setting,
  ...(group === 'hot' ? { edit: key } : {}),
});

export const SETTINGS: readonly SettingEntry[] = [
  ...Object.entries(COLD).map(([k, s]) => entry('cold', k, s)),
  ...Object.entries(HOT).map(([k, s]) => entry('hot', k, s)),
  ...HINTS.map((h): SettingEntry => ({ group: 'hot', path: ['betas', h], urlKey: `beta_${h}`, flag: `beta-${h}`, edit: `betas.${h}`, setting: BETAS[h] })),
  ...Object.entries(LAB).map(([k, s]) => entry('lab', k, s)),
];

const index = (name: (e: SettingEntry) => string | undefined) => new Map(SETTINGS.flatMap((e) => (name(e) ? [[name(e)!, e] as const] : [])));
export const BY_URL_KEY: ReadonlyMap<string, SettingEntry> = index((e) => e.urlKey);
export const BY_FLAG: ReadonlyMap<string, SettingEntry> = index((e) => e.flag);
export const BY_EDIT: ReadonlyMap<string, SettingEntry> = index((e) => e.edit);

/** The settings of a training configuration ({cold, hot}), without the lab's own. */
export const TRAIN_SETTINGS = SETTINGS.filter((e) => e.group !== 'lab');

type Root = { cold: object; hot: object } & Record<string, unknown>;

function holder(root: Root, e: SettingEntry, create = false): Record<string, unknown> | undefined {
  let o: Record<string, unknown> | undefined = e.group === 'lab' ? root : (root[e.group] as Record<string, unknown>);
  for (const k of e.path.slice(0, -1)) {
    if (create && (typeof o?.[k] !== 'object' || o[k] === null)) o![k] = {};
    o = o?.[k] as Record<string, unknown> | undefined;
  }
  return o;
}

/** The entry's value in a configuration ({cold, hot} or the lab's), or undefined. */
export function getSetting(root: object, e: SettingEntry): unknown {
  const o = holder(root as Root, e);
  const k = e.path[e.path.length - 1];
  return o && Object.hasOwn(o, k) ? o[k] : undefined;
}

/** Sets the entry's value in a configuration (mutates it). */
export function setSetting(root: object, e: SettingEntry, value: unknown): void {
  holder(root as Root, e, true)![e.path[e.path.length - 1]] = value;
}

/** A label as a control shows it: the first letter capitalised ("Batch size", "β for kd"). */
export const controlLabel = (s: Pick<Setting, 'label'>) => s.label.replace(/^[a-z]/, (c) => c.toUpperCase());
