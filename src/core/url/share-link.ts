// Shareable links: the whole configuration (cold + hot, seed included) ⇄ a URL query or hash.
// Every value from a URL is untrusted: it is checked against the one settings schema
// (train/validate.ts); a bad value is reported (key, value, why) and replaced by its default;
// unknown keys are reported; `<control>_hide=1` flags hide controls. Nothing here renders HTML:
// values in reports are plain strings for the UI to show as text.
//
// Key names match src/lab/config/url-params.ts: cold and hot settings by their field names,
// `beta_<hint>`, `method`, `preset`, `metaInputs` (comma list), `ensemble`, `augment` (0/1). Added:
// `dataset`, `v` (link format version), `<control>_hide`. Lab-only keys (compare, backend,
// autoplay, debug) are passed in as `extraKeys` with their own validators.
import { DEFAULT_COLD, defaultConfig, HINTS, META_INPUTS, METHODS, type ColdSettings, type HotSettings, type MetaInput, type MethodId } from '../train/config';
import { BETA_RULE, COLD_RULES, HOT_RULES, checkNumber, type NumberRule } from '../train/validate';
import { PRESET_IDS } from '../nn/preset-ids';

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

export interface ParsedShareLink {
  config: ShareConfig;
  /** Controls hidden by `<control>_hide=1`. */
  hidden: Set<string>;
  /** Bad values; each was replaced by its default. */
  problems: UrlProblem[];
  /** Keys nobody knows. */
  unknown: string[];
  /** Accepted values of `extraKeys`, raw. */
  extras: Record<string, string>;
  /** One plain-text message per problem and unknown key, for the UI to list. */
  messages: string[];
}

export interface ParseOptions {
  /** The defaults bad values fall back to (default: defaultConfig()). */
  defaults?: ShareConfig;
  /** Extra keys the caller understands: a validator returns why a value is bad, or null. */
  extraKeys?: Record<string, (raw: string) => string | null>;
  /** Controls that may be hidden; default: any name of letters, digits, _ and . */
  controls?: readonly string[];
}

type Kind = { kind: 'cold-number'; key: keyof ColdSettings; rule: NumberRule } | { kind: 'hot-number'; key: keyof typeof HOT_RULES; rule: NumberRule } | { kind: 'beta'; hint: (typeof HINTS)[number]; rule: NumberRule } | { kind: 'cold-text'; key: 'method' | 'preset' | 'dataset' | 'metaInputs' | 'ensemble' | 'augment' };

const KEYS: Record<string, Kind> = {};
for (const [key, rule] of Object.entries(COLD_RULES)) KEYS[key] = { kind: 'cold-number', key: key as keyof ColdSettings, rule: rule! };
for (const [key, rule] of Object.entries(HOT_RULES)) KEYS[key] = { kind: 'hot-number', key: key as keyof typeof HOT_RULES, rule };
for (const hint of HINTS) KEYS[`beta_${hint}`] = { kind: 'beta', hint, rule: { ...BETA_RULE, label: `β for ${hint}` } };
for (const key of ['method', 'preset', 'dataset', 'metaInputs', 'ensemble', 'augment'] as const) KEYS[key] = { kind: 'cold-text', key };

/** Every configuration key a link may carry. */
export const LINK_KEYS: readonly string[] = Object.keys(KEYS);

/** A number as written in a link (decimal, optional exponent); anything else stays text, which checkNumber refuses. */
export function linkNumber(text: string): number | string {
  const t = text.trim();
  if (t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return text;
  return Number(t);
}

/** Why a link's value breaks `rule`, or null: checkNumber's reason without its label (reports name the key instead). */
export function linkNumberProblem(rule: NumberRule, raw: string): string | null {
  return checkNumber({ ...rule, label: '' }, linkNumber(raw))?.replace(/^: /, '') ?? null;
}

const DATASET_ID = /^[A-Za-z0-9:._-]{1,100}$/;

/** A dataset id as links, saved runs and the stores accept it: 1–100 letters, digits, : . _ - */
export function isDatasetId(id: string): boolean {
  return DATASET_ID.test(id);
}

function short(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/** Checks a text setting; returns [value, null] or [undefined, reason]. */
function textSetting(key: string, raw: string): [unknown, string | null] {
  switch (key) {
    case 'method':
      return (METHODS as readonly string[]).includes(raw) ? [raw as MethodId, null] : [undefined, `unknown method; choose one of ${METHODS.join(', ')}`];
    case 'preset':
      return PRESET_IDS.includes(raw) ? [raw, null] : [undefined, `unknown preset; choose one of ${PRESET_IDS.join(', ')}`];
    case 'dataset':
      return isDatasetId(raw) ? [raw, null] : [undefined, 'not a dataset id (letters, digits, : . _ -)'];
    case 'ensemble':
      return raw === 'instance' || raw === 'param' ? [raw, null] : [undefined, 'use instance or param'];
    case 'augment':
      return raw === '0' || raw === '1' ? [raw === '1', null] : [undefined, 'use 0 or 1'];
    case 'metaInputs': {
      const ms = raw.split(',').filter(Boolean);
      const ok = ms.every((m) => (META_INPUTS as readonly string[]).includes(m)) && ms.includes('losses') && new Set(ms).size === ms.length;
      return ok ? [ms as MetaInput[], null] : [undefined, `use a comma list of ${META_INPUTS.join(', ')} that includes losses`];
    }
  }
  return [undefined, 'unknown'];
}

function asText(v: unknown): string {
  return Array.isArray(v) ? v.join(',') : typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
}

/** Reads a query string ("?a=1"), a hash ("#a=1"), a whole URL (query and hash), or URLSearchParams. */
export function linkParams(input: string | URLSearchParams): URLSearchParams {
  if (typeof input !== 'string') return input;
  const s = input.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(s)) {
    const u = new URL(s);
    const p = new URLSearchParams(u.search);
    for (const [k, v] of new URLSearchParams(u.hash.replace(/^#/, ''))) p.append(k, v);
    return p;
  }
  return new URLSearchParams(s.replace(/^[?#]/, ''));
}

export function parseShareLink(input: string | URLSearchParams, opts: ParseOptions = {}): ParsedShareLink {
  const defaults = opts.defaults ?? defaultConfig();
  const config: ShareConfig = structuredClone(defaults);
  const params = linkParams(input);
  const problems: UrlProblem[] = [];
  const unknown: string[] = [];
  const extras: Record<string, string> = {};
  const hidden = new Set<string>();
  const seen = new Set<string>();
  const controlOk = (c: string) => (opts.controls ? opts.controls.includes(c) : /^[A-Za-z][A-Za-z0-9_.]{0,63}$/.test(c));

  for (const [key, raw] of params) {
    if (seen.has(key)) {
      problems.push({ key, value: short(raw), reason: 'given more than once; the first value is used' });
      continue;
    }
    seen.add(key);
    if (raw.length > MAX_VALUE_LENGTH) {
      problems.push({ key, value: short(raw), reason: `longer than ${MAX_VALUE_LENGTH} characters`, replacedBy: key in KEYS ? 'the default' : undefined });
      continue;
    }
    if (key === 'v') {
      if (raw !== String(LINK_VERSION)) problems.push({ key, value: short(raw), reason: `link format ${LINK_VERSION} expected; values are read as format ${LINK_VERSION}` });
      continue;
    }
    if (key.endsWith('_hide') && !(key in KEYS)) {
      const control = key.slice(0, -5);
      if (!controlOk(control)) unknown.push(key);
      else if (raw === '1') hidden.add(control);
      else if (raw !== '0') problems.push({ key, value: short(raw), reason: 'use 1 to hide the control (or 0)' });
      continue;
    }
    const k = KEYS[key];
    if (!k) {
      const check = opts.extraKeys?.[key];
      if (!check) unknown.push(key);
      else {
        const why = check(raw);
        if (why) problems.push({ key, value: short(raw), reason: why });
        else extras[key] = raw;
      }
      continue;
    }
    if (k.kind === 'cold-text') {
      const [v, why] = textSetting(k.key, raw);
      if (why) problems.push({ key, value: short(raw), reason: why, replacedBy: asText(defaults.cold[k.key]) });
      else (config.cold as unknown as Record<string, unknown>)[k.key] = v;
      continue;
    }
    const v = linkNumber(raw);
    const why = linkNumberProblem(k.rule, raw);
    const current = k.kind === 'cold-number' ? defaults.cold[k.key] : k.kind === 'hot-number' ? defaults.hot[k.key] : defaults.hot.betas[k.hint];
    if (why) {
      problems.push({ key, value: short(raw), reason: why, replacedBy: asText(current) });
      continue;
    }
    if (k.kind === 'cold-number') (config.cold as unknown as Record<string, number>)[k.key] = v as number;
    else if (k.kind === 'hot-number') config.hot[k.key] = v as number;
    else config.hot.betas[k.hint] = v as number;
  }
  const messages = [
    ...problems.map((p) => `${p.key}=${JSON.stringify(p.value)}: ${p.reason}${p.replacedBy !== undefined ? `; using the default ${p.replacedBy}` : ''}`),
    ...unknown.map((k) => `${k}: unknown setting, ignored`),
  ];
  return { config, hidden, problems, unknown, extras, messages };
}

export interface LinkOptions {
  hidden?: Iterable<string>;
  extras?: Record<string, string>;
  /** Only the values that differ from `defaults` (shorter links that follow future defaults). Default false: every value, so the link means the same whatever the defaults become. */
  onlyChanged?: boolean;
  defaults?: ShareConfig;
}

/** The configuration as a query string (no leading "?"); parseShareLink gives it back. */
export function toShareLink(config: ShareConfig, opts: LinkOptions = {}): string {
  const defaults = opts.defaults ?? defaultConfig();
  const p = new URLSearchParams();
  p.set('v', String(LINK_VERSION));
  for (const [key, k] of Object.entries(KEYS)) {
    let value: unknown;
    let base: unknown;
    if (k.kind === 'cold-number' || k.kind === 'cold-text') [value, base] = [config.cold[k.key], defaults.cold[k.key]];
    else if (k.kind === 'hot-number') [value, base] = [config.hot[k.key], defaults.hot[k.key]];
    else [value, base] = [config.hot.betas[k.hint], defaults.hot.betas[k.hint]];
    if (opts.onlyChanged && asText(value) === asText(base)) continue;
    p.set(key, asText(value));
  }
  for (const [k, v] of Object.entries(opts.extras ?? {})) p.set(k, v);
  for (const c of opts.hidden ?? []) p.set(`${c}_hide`, '1');
  return p.toString();
}

/** The keys of the cold settings, for callers that list them (e.g. controls). */
export const COLD_KEYS = Object.keys(DEFAULT_COLD) as (keyof ColdSettings)[];
