// Configuration from URL query parameters (tests choose small settings and a backend this way;
// issue 4's shareable links extend the same functions). Every value is untrusted: it is checked
// against the core's schema, a bad one is reported and replaced by its default, and nothing is
// ever rendered as HTML.
import { HINTS, METHODS, META_INPUTS, type ColdSettings, type HintId, type MetaInput, type MethodId } from '../../core/train/config';
import { BETA_RULE, COLD_RULES, HOT_RULES, checkNumber } from '../../core/train/validate';
import { PRESET_META as PRESETS } from './presets-meta';
import { BACKEND_NAMES, type BackendPref } from '../contract';
import { defaultLabConfig, type HotKey, type LabConfig } from './lab-config';

export interface LabFlags {
  /** Start training as soon as the worker is ready. */
  autoplay: boolean;
  /** Show debug controls (e.g. simulate a lost GPU device). */
  debug: boolean;
}

export interface ParsedParams {
  config: LabConfig;
  flags: LabFlags;
  /** One message per refused value, naming the parameter. */
  errors: string[];
}

const NUMERIC_COLD = Object.keys(COLD_RULES) as (keyof ColdSettings)[];
const HOT_KEYS = Object.keys(HOT_RULES) as HotKey[];

function parseNumber(text: string): number | string {
  const t = text.trim();
  if (t === '') return text;
  const n = Number(t);
  return Number.isFinite(n) ? n : text;
}

export function parseParams(params: URLSearchParams, base: LabConfig = defaultLabConfig()): ParsedParams {
  const config = structuredClone(base);
  const errors: string[] = [];
  const get = (k: string) => params.get(k);

  for (const key of NUMERIC_COLD) {
    const raw = get(key);
    if (raw === null) continue;
    const v = parseNumber(raw);
    const e = checkNumber(COLD_RULES[key]!, v);
    if (e) errors.push(`${key}: ${e}`);
    else (config.cold as unknown as Record<string, number>)[key] = v as number;
  }
  for (const key of HOT_KEYS) {
    const raw = get(key);
    if (raw === null) continue;
    const v = parseNumber(raw);
    const e = checkNumber(HOT_RULES[key], v);
    if (e) errors.push(`${key}: ${e}`);
    else config.hot[key] = v as number;
  }
  for (const hint of HINTS) {
    const raw = get(`beta_${hint}`);
    if (raw === null) continue;
    const v = parseNumber(raw);
    const e = checkNumber({ ...BETA_RULE, label: `β for ${hint}` }, v);
    if (e) errors.push(`beta_${hint}: ${e}`);
    else config.hot.betas[hint as HintId] = v as number;
  }
  const method = get('method');
  if (method !== null) {
    if ((METHODS as readonly string[]).includes(method)) config.cold.method = method as MethodId;
    else errors.push(`method: "${method}" is unknown; choose one of ${METHODS.join(', ')}`);
  }
  const preset = get('preset');
  if (preset !== null) {
    if (PRESETS.some((p) => p.id === preset)) config.cold.preset = preset;
    else errors.push(`preset: "${preset}" is unknown; choose one of ${PRESETS.map((p) => p.id).join(', ')}`);
  }
  const compare = get('compare');
  if (compare !== null && compare !== '') {
    const ms = compare.split(',');
    const bad = ms.filter((m) => !(METHODS as readonly string[]).includes(m));
    if (bad.length) errors.push(`compare: unknown method(s) ${bad.map((b) => `"${b}"`).join(', ')}`);
    else if (new Set(ms).size < 2) errors.push('compare: name at least two different methods, e.g. compare=kd,hkd');
    else config.compare = [...new Set(ms)] as MethodId[];
  }
  const metaInputs = get('metaInputs');
  if (metaInputs !== null) {
    const ms = metaInputs.split(',').filter(Boolean);
    const bad = ms.filter((m) => !(META_INPUTS as readonly string[]).includes(m));
    if (bad.length || !ms.includes('losses')) errors.push(`metaInputs: use a comma list of ${META_INPUTS.join(', ')} that includes losses`);
    else config.cold.metaInputs = ms as MetaInput[];
  }
  const ensemble = get('ensemble');
  if (ensemble !== null) {
    if (ensemble === 'instance' || ensemble === 'param') config.cold.ensemble = ensemble;
    else errors.push(`ensemble: "${ensemble}" is unknown; use instance or param`);
  }
  const augment = get('augment');
  if (augment !== null) {
    if (augment === '0' || augment === '1') config.cold.augment = augment === '1';
    else errors.push(`augment: use 0 or 1`);
  }
  const backend = get('backend');
  if (backend !== null) {
    if (backend === 'auto' || (BACKEND_NAMES as readonly string[]).includes(backend)) config.backend = backend as BackendPref;
    else errors.push(`backend: "${backend}" is unknown; use auto, ${BACKEND_NAMES.join(', ')}`);
  }
  const flags: LabFlags = { autoplay: get('autoplay') === '1', debug: get('debug') === '1' };
  return { config, flags, errors };
}

/** The parameters that differ from `base`: parseParams(toParams(c)) restores c. */
export function toParams(c: LabConfig, base: LabConfig = defaultLabConfig()): URLSearchParams {
  const p = new URLSearchParams();
  const cold = c.cold as unknown as Record<string, unknown>;
  const bcold = base.cold as unknown as Record<string, unknown>;
  for (const key of [...NUMERIC_COLD, 'method', 'preset'] as string[]) if (cold[key] !== bcold[key]) p.set(key, String(cold[key]));
  for (const key of HOT_KEYS) if (c.hot[key] !== base.hot[key]) p.set(key, String(c.hot[key]));
  for (const hint of HINTS) if (c.hot.betas[hint] !== base.hot.betas[hint]) p.set(`beta_${hint}`, String(c.hot.betas[hint]));
  if (c.compare.length) p.set('compare', c.compare.join(','));
  if (c.cold.metaInputs.join(',') !== base.cold.metaInputs.join(',')) p.set('metaInputs', c.cold.metaInputs.join(','));
  if (c.cold.ensemble !== base.cold.ensemble) p.set('ensemble', c.cold.ensemble);
  if (c.cold.augment !== base.cold.augment) p.set('augment', c.cold.augment ? '1' : '0');
  if (c.backend !== base.backend) p.set('backend', c.backend);
  return p;
}
