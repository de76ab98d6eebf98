// The one settings schema: every setting once (settings/cold.ts, hot.ts, lab.ts), assembled into
// valibot object schemas. The configuration types are inferred from it; every check of a whole or
// partial configuration (the trainer, the worker, run files, the CLI) goes through it.
import * as v from 'valibot';
import { methodCoefficients } from './coefficients';
import { COLD } from './cold';
import type { Setting } from './define';
import { BETAS, HOT } from './hot';
import { HINTS, type MethodId } from './ids';
import { LAB } from './lab';

type Table = Record<string, Setting<any>>;
type Schemas<D extends Table> = { -readonly [K in keyof D]: D[K]['schema'] };

function schemasOf<D extends Table>(d: D): Schemas<D> {
  return Object.fromEntries(Object.entries(d).map(([k, s]) => [k, s.schema])) as Schemas<D>;
}

// Messages are written by `describeIssues`, which knows each issue's path; these are fallbacks.
const objectMessage = 'expected an object';

export const BetasSchema = v.strictObject(schemasOf(BETAS), objectMessage);
export const ColdSchema = v.strictObject(schemasOf(COLD), objectMessage);
export const HotSchema = v.strictObject({ ...schemasOf(HOT), betas: BetasSchema }, objectMessage);
export const TrainConfigSchema = v.strictObject({ cold: ColdSchema, hot: HotSchema }, objectMessage);
export const LabConfigSchema = v.strictObject({ cold: ColdSchema, hot: HotSchema, ...schemasOf(LAB) }, objectMessage);
const PartialCold = v.partial(ColdSchema);
const PartialHot = v.strictObject({ ...v.partial(v.strictObject(schemasOf(HOT))).entries, betas: v.optional(v.partial(BetasSchema)) }, objectMessage);

export type ColdSettings = v.InferOutput<typeof ColdSchema>;
export type HotSettings = v.InferOutput<typeof HotSchema>;
export type TrainConfig = v.InferOutput<typeof TrainConfigSchema>;
export type LabConfig = v.InferOutput<typeof LabConfigSchema>;

const defaultsOf = <D extends Table>(d: D) => Object.fromEntries(Object.entries(d).map(([k, s]) => [k, structuredClone(s.default)]));

/** The defaults of the default method (HKD); `defaultConfig` follows the chosen method's γ and β. */
export const DEFAULT_COLD = defaultsOf(COLD) as ColdSettings;
export const DEFAULT_HOT = { ...defaultsOf(HOT), betas: defaultsOf(BETAS) } as HotSettings;

export interface ConfigOverrides {
  cold?: Partial<ColdSettings>;
  hot?: Partial<Omit<HotSettings, 'betas'>> & { betas?: Partial<HotSettings['betas']> };
}

/** The defaults with `overrides`; γ and β default to the chosen method's (settings/coefficients.ts). */
export function defaultConfig(overrides: ConfigOverrides = {}): TrainConfig {
  const cold = { ...structuredClone(DEFAULT_COLD), ...structuredClone(overrides.cold) };
  const c = methodCoefficients(cold.method);
  const hot = { ...DEFAULT_HOT, gamma: c.gamma, ...overrides.hot, betas: { ...c.betas, ...overrides.hot?.betas } } as HotSettings;
  return { cold, hot };
}

/** The setting an issue's path leads to: `[group, key]` or `['hot', 'betas', hint]`. */
function settingAt(keys: readonly string[]): Setting<any> | undefined {
  const [group, key, hint] = keys;
  const own = (t: Table, k: string | undefined) => (k !== undefined && Object.hasOwn(t, k) ? t[k] : undefined);
  if (group === 'cold') return own(COLD, key);
  if (group === 'hot') return key === 'betas' ? own(BETAS, hint) : own(HOT, key);
  return keys.length === 1 ? own(LAB, group) : undefined;
}

/**
 * Plain-text messages for valibot issues. With `base`, each names its field path
 * (`config.cold.seed: seed: …`; base '' gives `cold.seed: seed: …`); without, the setting's label
 * alone (`seed: …`). `root` is where
 * the checked value sits: a whole configuration, or one group.
 */
function describeIssues(issues: readonly v.BaseIssue<unknown>[], root: 'config' | 'cold' | 'hot', base?: string): string[] {
  return issues.map((issue) => {
    const keys = (issue.path ?? []).map((p) => String(p.key));
    const full = root === 'config' ? keys : [root, ...keys];
    const named = base !== undefined;
    const at = (k: string[]) => {
      const p = named ? [base, ...k].filter(Boolean).join('.') : '';
      return p ? `${p}: ` : '';
    };
    if (issue.expected === 'never') {
      const key = keys[keys.length - 1];
      const inBetas = full[1] === 'betas';
      if (named) return `${at(keys)}unknown ${inBetas ? 'hint' : 'setting'}`;
      return inBetas ? `unknown hint "${key}"; hints are ${HINTS.join(', ')}` : `unknown ${full.length > 1 ? `${full[0]} ` : ''}setting "${key}"`;
    }
    // A key the value lacks: valibot reports it on the object, with the key in the path.
    const missing = issue.kind === 'schema' && issue.input === undefined && issue.expected === `"${keys[keys.length - 1]}"`;
    const setting = settingAt(full);
    if (!setting) return `${at(keys)}${missing ? 'missing' : issue.message}`;
    if (missing) return named ? `${at(keys)}missing` : `${setting.label}: missing`;
    return `${at(keys)}${setting.label}: ${issue.message}`;
  });
}

const parse = (schema: v.GenericSchema, value: unknown) => v.safeParse(schema, value, { abortPipeEarly: true });

/** Every problem with a whole configuration ({cold, hot}); messages name `base.path` when given. */
export function trainConfigProblems(value: unknown, base?: string): string[] {
  const r = parse(TrainConfigSchema, value);
  return r.success ? [] : describeIssues(r.issues, 'config', base);
}

/** Every problem with the lab's configuration (the core's settings and the lab's own). */
export function labConfigProblems(value: unknown, base?: string): string[] {
  const r = parse(LabConfigSchema, value);
  return r.success ? [] : describeIssues(r.issues, 'config', base);
}

/** Problems with some cold settings (only those given are checked); each message names its setting. */
export function validateCold(cold: Partial<ColdSettings>): string[] {
  const r = parse(PartialCold, cold);
  return r.success ? [] : describeIssues(r.issues, 'cold');
}

/** Problems with some hot settings (only those given are checked); each message names its setting. */
export function validateHot(hot: ConfigOverrides['hot'] | Partial<HotSettings>): string[] {
  const r = parse(PartialHot, hot);
  return r.success ? [] : describeIssues(r.issues, 'hot');
}

/**
 * Cold settings read from stored data (saved runs, run files): a setting the data predates gets
 * its `legacy` value, how the lab ran before it existed. Everything else is left to the checks.
 */
export function withLegacy<T>(cold: T): T {
  if (typeof cold !== 'object' || cold === null || Array.isArray(cold)) return cold;
  const out: Record<string, unknown> = { ...(cold as Record<string, unknown>) };
  for (const [k, s] of Object.entries(COLD as Table)) if (s.legacy !== undefined && !Object.hasOwn(out, k)) out[k] = structuredClone(s.legacy);
  return out as T;
}

/** The method's γ and β as a partial hot change (what choosing a method in the lab applies). */
export function coefficientsOf(method: MethodId): Pick<HotSettings, 'gamma' | 'betas'> {
  const { gamma, betas } = methodCoefficients(method);
  return { gamma, betas };
}
