// Run files: everything needed to re-run a run (configuration, seed, the log of live edits) and
// the environment it ran in. JSON, versioned, and never trusted when read: every field is checked
// against the one settings schema (train/validate.ts), and an error names the field.
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_COLD, DEFAULT_HOT, HINTS, META_INPUTS, METHODS, type ColdSettings, type HotSettings, type TrainConfig } from '../train/config';
import { BETA_RULE, COLD_RULES, HOT_RULES, checkNumber } from '../train/validate';
import { PRESETS } from '../nn/presets';

export const RUN_FILE_FORMAT = 'hkd-run';
export const RUN_FILE_VERSION = 1;

/** A hot setting's path in an edit: a HOT_RULES key, or `betas.<hint>`. */
export type EditSetting = keyof typeof HOT_RULES | `betas.${(typeof HINTS)[number]}`;

export interface RunEdit {
  /** The edit applies before this step runs (trainer.stepsDone when it was made). */
  step: number;
  setting: EditSetting;
  from: number;
  to: number;
}

export interface RunEnvironment {
  backend: string;
  /** navigator.userAgent in a browser, "Node vX" in Node. */
  userAgent: string;
  libraries: Record<string, string>;
  /** ISO 8601. */
  date: string;
}

export interface RunFile {
  format: typeof RUN_FILE_FORMAT;
  version: number;
  /** Cold settings and the *initial* hot settings. */
  config: TrainConfig;
  /** Same as config.cold.seed; stated on its own so readers find it. */
  seed: number;
  edits: RunEdit[];
  /** Steps the run had taken when the file was written. */
  steps: number;
  environment: RunEnvironment;
  /** Free-form description of data and teacher (not used by replay). */
  notes?: Record<string, string>;
}

export class RunFileError extends Error {
  constructor(readonly file: string, readonly problems: string[]) {
    super(`${file}: not a valid run file: ${problems.join('; ')}`);
    this.name = 'RunFileError';
  }
}

/** The environment this code runs in, with no DOM or Node imports. */
export function describeEnvironment(backend: string = tf.getBackend()): RunEnvironment {
  const g = globalThis as { navigator?: { userAgent?: string }; process?: { versions?: { node?: string } } };
  const userAgent = g.navigator?.userAgent && !/^Node\.js/.test(g.navigator.userAgent) ? g.navigator.userAgent : g.process?.versions?.node ? `Node v${g.process.versions.node}` : 'unknown';
  return { backend, userAgent, libraries: { ...tf.version }, date: new Date().toISOString() };
}

export function makeRunFile(config: TrainConfig, edits: RunEdit[], steps: number, environment: RunEnvironment, notes?: Record<string, string>): RunFile {
  return {
    format: RUN_FILE_FORMAT, version: RUN_FILE_VERSION, config: structuredClone(config), seed: config.cold.seed,
    edits: edits.map((e) => ({ ...e })), steps, environment, ...(notes ? { notes } : {}),
  };
}

export function encodeRunFile(run: RunFile): string {
  return JSON.stringify(run, null, 2);
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The rule for an edit's setting, or null when unknown. */
export function editRule(setting: string) {
  if (setting.startsWith('betas.')) {
    const h = setting.slice(6);
    return (HINTS as readonly string[]).includes(h) ? { ...BETA_RULE, label: `β for ${h}` } : null;
  }
  return (HOT_RULES as Record<string, (typeof HOT_RULES)[keyof typeof HOT_RULES]>)[setting] ?? null;
}

/** Checks a cold settings object completely (every field, known keys only); messages name `path.field`. */
export function checkCold(v: unknown, path: string, problems: string[]): ColdSettings | null {
  if (!isObj(v)) return problems.push(`${path}: expected an object`), null;
  for (const k of Object.keys(v)) if (!(k in DEFAULT_COLD)) problems.push(`${path}.${k}: unknown setting`);
  for (const k of Object.keys(DEFAULT_COLD) as (keyof ColdSettings)[]) {
    const x = v[k];
    if (x === undefined) {
      problems.push(`${path}.${k}: missing`);
      continue;
    }
    const rule = COLD_RULES[k];
    if (rule) {
      const e = checkNumber(rule, x);
      if (e) problems.push(`${path}.${k}: ${e}`);
    }
  }
  const bad = (k: string, why: string) => problems.push(`${path}.${k}: ${JSON.stringify(v[k])} ${why}`);
  if (v.preset !== undefined && !PRESETS.some((p) => p.id === v.preset)) bad('preset', `is unknown; choose one of ${PRESETS.map((p) => p.id).join(', ')}`);
  if (v.dataset !== undefined && (typeof v.dataset !== 'string' || !/^[A-Za-z0-9:._-]{1,100}$/.test(v.dataset))) bad('dataset', 'is not a dataset id (letters, digits, : . _ -)');
  if (v.method !== undefined && !(METHODS as readonly unknown[]).includes(v.method)) bad('method', `is unknown; choose one of ${METHODS.join(', ')}`);
  if (v.ensemble !== undefined && v.ensemble !== 'instance' && v.ensemble !== 'param') bad('ensemble', 'is unknown; use instance or param');
  if (v.augment !== undefined && typeof v.augment !== 'boolean') bad('augment', 'is not true or false');
  if (v.metaInputs !== undefined) {
    const m = v.metaInputs;
    if (!Array.isArray(m) || !m.every((x) => (META_INPUTS as readonly unknown[]).includes(x)) || !m.includes('losses') || new Set(m).size !== m.length) {
      bad('metaInputs', `is not a list of distinct ${META_INPUTS.join(', ')} that includes losses`);
    }
  }
  return v as unknown as ColdSettings;
}

export function checkHot(v: unknown, path: string, problems: string[]): HotSettings | null {
  if (!isObj(v)) return problems.push(`${path}: expected an object`), null;
  for (const k of Object.keys(v)) if (!(k in DEFAULT_HOT)) problems.push(`${path}.${k}: unknown setting`);
  for (const k of Object.keys(HOT_RULES) as (keyof typeof HOT_RULES)[]) {
    if (v[k] === undefined) problems.push(`${path}.${k}: missing`);
    else {
      const e = checkNumber(HOT_RULES[k], v[k]);
      if (e) problems.push(`${path}.${k}: ${e}`);
    }
  }
  if (!isObj(v.betas)) problems.push(`${path}.betas: expected an object with ${HINTS.join(', ')}`);
  else {
    for (const k of Object.keys(v.betas)) if (!(HINTS as readonly string[]).includes(k)) problems.push(`${path}.betas.${k}: unknown hint`);
    for (const h of HINTS) {
      const e = checkNumber({ ...BETA_RULE, label: `β for ${h}` }, v.betas[h]);
      if (e) problems.push(`${path}.betas.${h}: ${e}`);
    }
  }
  return v as unknown as HotSettings;
}

/** Parses and checks a run file. Throws RunFileError listing every problem, each naming its field. */
export function parseRunFile(input: string | Uint8Array, file = 'run file'): RunFile {
  const text = typeof input === 'string' ? input : new TextDecoder().decode(input);
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new RunFileError(file, [`not JSON (${(e as Error).message})`]);
  }
  const problems: string[] = [];
  if (!isObj(v)) throw new RunFileError(file, ['expected a JSON object']);
  if (v.format !== RUN_FILE_FORMAT) throw new RunFileError(file, [`format: expected "${RUN_FILE_FORMAT}", found ${JSON.stringify(v.format)}`]);
  if (v.version !== RUN_FILE_VERSION) throw new RunFileError(file, [`version: expected ${RUN_FILE_VERSION}, found ${JSON.stringify(v.version)} (written by another version of the lab)`]);
  const known = ['format', 'version', 'config', 'seed', 'edits', 'steps', 'environment', 'notes'];
  for (const k of Object.keys(v)) if (!known.includes(k)) problems.push(`${k}: unknown field`);
  if (!isObj(v.config)) problems.push('config: expected an object with cold and hot');
  else {
    for (const k of Object.keys(v.config)) if (k !== 'cold' && k !== 'hot') problems.push(`config.${k}: unknown field`);
    checkCold(v.config.cold, 'config.cold', problems);
    checkHot(v.config.hot, 'config.hot', problems);
    if (isObj(v.config.cold) && v.seed !== v.config.cold.seed) problems.push(`seed: ${JSON.stringify(v.seed)} differs from config.cold.seed ${JSON.stringify(v.config.cold.seed)}`);
  }
  const steps = checkNumber({ min: 0, max: 10_000_000, integer: true, label: 'steps' }, v.steps);
  if (steps) problems.push(`steps: ${steps}`);
  if (!Array.isArray(v.edits)) problems.push('edits: expected a list');
  else {
    let last = 0;
    v.edits.forEach((e: unknown, i: number) => {
      const p = `edits[${i}]`;
      if (!isObj(e)) return void problems.push(`${p}: expected an object`);
      for (const k of Object.keys(e)) if (!['step', 'setting', 'from', 'to'].includes(k)) problems.push(`${p}.${k}: unknown field`);
      const s = checkNumber({ min: 0, max: 10_000_000, integer: true, label: 'step' }, e.step);
      if (s) problems.push(`${p}.step: ${s}`);
      else if ((e.step as number) < last) problems.push(`${p}.step: ${e.step} comes before the previous edit's step ${last}; edits must be in step order`);
      else last = e.step as number;
      const rule = typeof e.setting === 'string' ? editRule(e.setting) : null;
      if (!rule) problems.push(`${p}.setting: ${JSON.stringify(e.setting)} is not a live setting (${[...Object.keys(HOT_RULES), ...HINTS.map((h) => `betas.${h}`)].join(', ')})`);
      else
        for (const k of ['from', 'to'] as const) {
          const m = checkNumber(rule, e[k]);
          if (m) problems.push(`${p}.${k}: ${m}`);
        }
    });
  }
  if (!isObj(v.environment)) problems.push('environment: expected an object');
  else {
    const env = v.environment;
    for (const k of ['backend', 'userAgent', 'date'] as const) if (typeof env[k] !== 'string') problems.push(`environment.${k}: expected text`);
    if (!isObj(env.libraries) || !Object.values(env.libraries).every((x) => typeof x === 'string')) problems.push('environment.libraries: expected names → version text');
  }
  if (v.notes !== undefined && (!isObj(v.notes) || !Object.values(v.notes).every((x) => typeof x === 'string'))) problems.push('notes: expected names → text');
  if (problems.length) throw new RunFileError(file, problems);
  return v as unknown as RunFile;
}
