// Shareable links: the whole configuration (cold + hot, seed included; the lab's own settings when
// the defaults carry them) ⇄ a URL query or hash. Every value from a URL is untrusted: it is read
// by its setting in the one schema (core/settings); a bad value is reported (key, value, why) and
// replaced by its default; unknown keys are reported; `<control>_hide=1` flags hide controls.
// Keys are looked up in Maps and Sets, so `__proto__` or `constructor` is just an unknown key.
// Nothing here renders HTML: values in reports are plain strings for the UI to show as text.
//
// Keys: each setting's URL key (field names, `beta_<hint>`), `v` (link format version),
// `<control>_hide`, and the caller's `extraKeys` (the lab's autoplay, debug).
import {
  BY_URL_KEY, TRAIN_SETTINGS, coefficientsOf, defaultConfig, getSetting, isDatasetId, numberReason, parseNumberText, setSetting,
  type ColdSettings, type HotSettings, type NumberRule, type SettingEntry,
} from '../settings';
import { queryPairs } from './query';

export { isDatasetId };
export { queryPairs, type QueryPair } from './query';

export const LINK_VERSION = 1;
/** Longest value accepted from a URL (longer ones are reported, not parsed). */
export const MAX_VALUE_LENGTH = 200;

export interface ShareConfig {
  cold: ColdSettings;
  hot: HotSettings;
}

export interface UrlProblem {
  key: string;
  /** The raw value, shortened to 60 characters; plain text. */
  value: string;
  reason: string;
  /** What was used instead, as text. */
  replacedBy?: string;
}

export interface ParsedShareLink<C extends ShareConfig = ShareConfig> {
  config: C;
  /** Controls hidden by `<control>_hide=1`. */
  hidden: Set<string>;
  /** Controls shown read-only by `<control>_lock=1`. */
  locked: Set<string>;
  /** Bad values; each was replaced by its default. */
  problems: UrlProblem[];
  /** Keys nobody knows. */
  unknown: string[];
  /** Accepted values of `extraKeys`, raw. */
  extras: Map<string, string>;
  /** One plain-text message per problem and unknown key, for the UI to list. */
  messages: string[];
}

export interface ParseOptions<C extends ShareConfig> {
  /** The defaults bad values fall back to (default: defaultConfig()); lab settings are read when these carry them. */
  defaults?: C;
  /** Extra keys the caller understands: a validator returns why a value is bad, or null. */
  extraKeys?: ReadonlyMap<string, (raw: string) => string | null>;
  /** Controls that may be hidden; default: any name of letters, digits, _ and . */
  controls?: ReadonlySet<string>;
  /** Controls that may be locked (`<control>_lock=1`); default: none, so a `_lock` key is unknown. */
  lockable?: ReadonlySet<string>;
}

/** Every configuration key a link of {cold, hot} carries. */
export const LINK_KEYS: readonly string[] = TRAIN_SETTINGS.map((e) => e.urlKey);

/** A number as written in a link (decimal, optional exponent); anything else stays text, which the checks refuse. */
export const linkNumber = parseNumberText;

/** Why a link's value breaks `rule`, or null (no label: reports name the key instead). */
export function linkNumberProblem(rule: Omit<NumberRule, 'label'>, raw: string): string | null {
  return numberReason(rule, parseNumberText(raw));
}

const short = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

/** The settings a link of this configuration carries: the core's, and the lab's when it has them. */
const entriesOf = (config: object) => [...BY_URL_KEY.values()].filter((e) => e.group !== 'lab' || Object.hasOwn(config, e.path[0]));

export function parseShareLink<C extends ShareConfig = ShareConfig>(input: string | URLSearchParams, opts: ParseOptions<C> = {}): ParsedShareLink<C> {
  const defaults = opts.defaults ?? (defaultConfig() as C);
  const known = new Map(entriesOf(defaults).map((e) => [e.urlKey, e]));
  const problems: (UrlProblem & { entry?: SettingEntry })[] = [];
  const unknown: string[] = [];
  const extras = new Map<string, string>();
  const hidden = new Set<string>();
  const locked = new Set<string>();
  const seen = new Set<string>();
  const accepted = new Map<SettingEntry, unknown>();
  const controlOk = (c: string) => (opts.controls ? opts.controls.has(c) : /^[A-Za-z][A-Za-z0-9_.]{0,63}$/.test(c));

  for (const { key, value: raw, malformed } of queryPairs(input)) {
    const entry = known.get(key);
    const bad = (reason: string) => problems.push({ key, value: short(raw), reason, entry });
    if (seen.has(key)) {
      bad('given more than once; the first value is used');
      continue;
    }
    seen.add(key);
    if (malformed) bad('a malformed %-escape (write a literal % as %25)');
    else if (raw.length > MAX_VALUE_LENGTH) bad(`longer than ${MAX_VALUE_LENGTH} characters`);
    else if (key === 'v') {
      if (raw !== String(LINK_VERSION)) bad(`link format ${LINK_VERSION} expected; values are read as format ${LINK_VERSION}`);
    } else if (entry) {
      const r = entry.setting.fromText(raw);
      if (r.ok) accepted.set(entry, r.value);
      else bad(r.reason);
    } else if (key.endsWith('_hide')) {
      const control = key.slice(0, -5);
      if (!controlOk(control)) bad(`no control is called "${control}"${opts.controls ? `; controls that can be hidden: ${[...opts.controls].join(', ')}` : ''}`);
      else if (raw === '1') hidden.add(control);
      else if (raw !== '0') bad('use 1 to hide the control (or 0)');
    } else if (key.endsWith('_lock') && opts.lockable) {
      const control = key.slice(0, -5);
      if (!opts.lockable.has(control)) bad(`no control called "${control}" can be locked; controls that can be locked: ${[...opts.lockable].join(', ')}`);
      else if (raw === '1') locked.add(control);
      else if (raw !== '0') bad('use 1 to lock the control (or 0)');
    } else {
      const check = opts.extraKeys?.get(key);
      if (!check) unknown.push(key);
      else {
        const why = check(raw);
        if (why) bad(why);
        else extras.set(key, raw);
      }
    }
  }

  const config = structuredClone(defaults);
  // γ and β the link does not give follow the method it gives (each method has its own).
  const method = accepted.get(known.get('method')!) as ColdSettings['method'] | undefined;
  if (method !== undefined && method !== defaults.cold.method) Object.assign(config.hot, structuredClone(coefficientsOf(method)));
  for (const [e, value] of accepted) setSetting(config, e, value);
  const messages = [
    ...problems.map((p) => {
      // A known setting's value was refused: say what is used instead.
      const instead = p.entry && !accepted.has(p.entry) ? `; using the default ${p.entry.setting.toText(getSetting(config, p.entry)) || '(none)'}` : '';
      return `${p.key}=${JSON.stringify(p.value)}: ${p.reason}${instead}`;
    }),
    ...unknown.map((k) => `${k}: unknown setting, ignored`),
  ];
  const plain = problems.map(({ entry, ...p }) => (entry && !accepted.has(entry) ? { ...p, replacedBy: entry.setting.toText(getSetting(config, entry)) } : p));
  return { config, hidden, locked, problems: plain, unknown, extras, messages };
}

export interface LinkOptions {
  hidden?: Iterable<string>;
  locked?: Iterable<string>;
  extras?: Iterable<[string, string]>;
  /** Only the values that differ from `defaults` (shorter links that follow future defaults). Default false: every value, so the link means the same whatever the defaults become. */
  onlyChanged?: boolean;
  /** Default: defaultConfig(), with γ and β of the configuration's method (they are per method). */
  defaults?: ShareConfig;
}

/** The configuration as a query string (no leading "?"); parseShareLink gives it back. */
export function toShareLink(config: ShareConfig, opts: LinkOptions = {}): string {
  const defaults = opts.defaults ?? { cold: defaultConfig().cold, hot: defaultConfig({ cold: { method: config.cold.method } }).hot };
  const p = new URLSearchParams();
  p.set('v', String(LINK_VERSION));
  for (const e of entriesOf(config)) {
    const text = e.setting.toText(getSetting(config, e));
    const base = getSetting(defaults, e);
    if (opts.onlyChanged && base !== undefined && text === e.setting.toText(base)) continue;
    p.set(e.urlKey, text);
  }
  for (const [k, v] of opts.extras ?? []) p.set(k, v);
  for (const c of opts.hidden ?? []) p.set(`${c}_hide`, '1');
  for (const c of opts.locked ?? []) p.set(`${c}_lock`, '1');
  return p.toString();
}
