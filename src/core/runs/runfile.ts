// Run files: everything needed to re-run a run (configuration, seed, the log of live edits) and
// the environment it ran in. JSON, versioned, and never trusted when read: every field is checked
// against the one settings schema (core/settings), and an error names the field. A setting added
// after a file was written takes its `legacy` value: how the lab ran before it existed.
import * as tf from '@tensorflow/tfjs';
import { EDIT_SETTINGS, checkNumber, editSetting, trainConfigProblems, withLegacy, type EditSetting, type TrainConfig } from '../settings';

export const RUN_FILE_FORMAT = 'hkd-run';
export const RUN_FILE_VERSION = 1;

export type { EditSetting };

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
  /** The recorded series of the run (the CLI writes it; not used by replay). */
  log?: object;
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
  // `log`: the run's recorded series (the CLI writes it); replay does not need it.
  const known = ['format', 'version', 'config', 'seed', 'edits', 'steps', 'environment', 'notes', 'log'];
  for (const k of Object.keys(v)) if (!known.includes(k)) problems.push(`${k}: unknown field`);
  if (!isObj(v.config)) problems.push('config: expected an object with cold and hot');
  else {
    const config = { ...v.config, cold: withLegacy(v.config.cold) };
    v.config = config;
    problems.push(...trainConfigProblems(config, 'config'));
    if (isObj(config.cold) && v.seed !== config.cold.seed) problems.push(`seed: ${JSON.stringify(v.seed)} differs from config.cold.seed ${JSON.stringify(config.cold.seed)}`);
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
      const setting = typeof e.setting === 'string' ? editSetting(e.setting) : null;
      if (!setting) problems.push(`${p}.setting: ${JSON.stringify(e.setting)} is not a live setting (${EDIT_SETTINGS.join(', ')})`);
      else
        for (const k of ['from', 'to'] as const) {
          const m = setting.reason(e[k]);
          if (m) problems.push(`${p}.${k}: ${setting.label}: ${m}`);
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
  if (v.log !== undefined && !isObj(v.log)) problems.push('log: expected an object (the recorded series)');
  if (problems.length) throw new RunFileError(file, problems);
  return v as unknown as RunFile;
}
