// The lab's configuration ⇄ its address, through the core's share-link helper (src/core/url):
// every value is untrusted, checked against the one settings schema, and a bad one is reported
// (as plain text, never HTML) and replaced by its default. Lab-only keys (compare, backend,
// teacherSteps, autoplay, debug) are validated here as the helper's extra keys.
import { METHODS, type MethodId } from '../../core/train/config';
import { linkNumber, linkNumberProblem, parseShareLink, toShareLink } from '../../core/url/share-link';
import { BACKEND_NAMES, type BackendPref } from './backends';
import { defaultLabConfig, TEACHER_STEPS_RULE, type LabConfig } from './lab-config';

export interface LabFlags {
  /** Start training as soon as the worker is ready. */
  autoplay: boolean;
  /** Show debug controls (e.g. simulate a lost GPU device). */
  debug: boolean;
}

export interface ParsedParams {
  config: LabConfig;
  flags: LabFlags;
  /** One plain-text message per refused value or unknown key, naming the parameter. */
  errors: string[];
  /** Controls hidden by `<control>_hide=1` (for teachers setting up a focused exercise). */
  hidden: Set<string>;
}

const flag = (raw: string) => (raw === '0' || raw === '1' ? null : 'use 1 or 0');

const EXTRA_KEYS: Record<string, (raw: string) => string | null> = {
  compare: (raw) => {
    if (raw === '') return null;
    const ms = raw.split(',');
    const bad = ms.filter((m) => !(METHODS as readonly string[]).includes(m));
    if (bad.length) return `unknown method(s) ${bad.map((b) => JSON.stringify(b)).join(', ')}; choose from ${METHODS.join(', ')}`;
    if (new Set(ms).size < 2) return 'name at least two different methods, e.g. compare=kd,hkd';
    return null;
  },
  backend: (raw) => (raw === 'auto' || (BACKEND_NAMES as readonly string[]).includes(raw) ? null : `unknown backend; use auto, ${BACKEND_NAMES.join(', ')}`),
  teacherSteps: (raw) => linkNumberProblem(TEACHER_STEPS_RULE, raw),
  autoplay: flag,
  debug: flag,
};

/** Reads `location.search || location.hash` (or any query string). */
export function parseParams(input: string | URLSearchParams, base: LabConfig = defaultLabConfig()): ParsedParams {
  const r = parseShareLink(input, { defaults: { cold: base.cold, hot: base.hot }, extraKeys: EXTRA_KEYS });
  const config: LabConfig = { ...structuredClone(base), cold: r.config.cold, hot: r.config.hot };
  const x = r.extras;
  if (x.compare) config.compare = [...new Set(x.compare.split(','))] as MethodId[];
  if (x.backend) config.backend = x.backend as BackendPref;
  if (x.teacherSteps) config.teacherSteps = linkNumber(x.teacherSteps) as number;
  return { config, flags: { autoplay: x.autoplay === '1', debug: x.debug === '1' }, errors: r.messages, hidden: r.hidden };
}

/** The whole configuration (seed included) as a query string; parseParams gives it back. */
export function toParams(c: LabConfig, opts: { hidden?: Iterable<string>; debug?: boolean } = {}): string {
  const d = defaultLabConfig();
  const extras: Record<string, string> = {};
  if (c.compare.length) extras.compare = c.compare.join(',');
  if (c.backend !== d.backend) extras.backend = c.backend;
  if (c.teacherSteps !== d.teacherSteps) extras.teacherSteps = String(c.teacherSteps);
  if (opts.debug) extras.debug = '1';
  return toShareLink({ cold: c.cold, hot: c.hot }, { extras, hidden: opts.hidden });
}
