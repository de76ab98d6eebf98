// Command-line flags for every setting, generated from the one settings schema: `--<kebab-key>`
// (`--lr`, `--beta-kd`, `--batch-size`; `--steps` for totalSteps), plus `--config FILE` (a run
// file, or JSON {cold, hot}) that flags beside it override. Values are read as links read them
// and refused with the flag's name. Any command can add its own flags (`extra`).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseRunFile, RunFileError } from '../core/runs/runfile';
import {
  METHODS, TRAIN_SETTINGS, coefficientsOf, defaultConfig, getSetting, methodCoefficients, setSetting, trainConfigProblems,
  type ConfigOverrides, type MethodId, type SettingEntry, type TrainConfig,
} from '../core/settings';

export class UsageError extends Error {
  name = 'UsageError';
}

export interface ExtraFlag {
  type: 'string' | 'boolean';
  /** The value's placeholder in the usage text (string flags). */
  value?: string;
  help: string;
}

export interface SettingsFlagsOptions {
  /** The command's own flags, by name without `--`. */
  extra?: Record<string, ExtraFlag>;
  /** The command's defaults where they differ from the schema's (e.g. a shorter run). */
  defaults?: ConfigOverrides;
  /** Reads `--config FILE` (default: from disk). */
  readFile?: (path: string) => string;
}

export interface SettingsFlags {
  config: TrainConfig;
  /** The command's own flags as given (undefined when absent). */
  extras: Record<string, string | boolean | undefined>;
  /** The settings given by flags, by their URL key. */
  given: Set<string>;
}

const CONFIG_FLAG: ExtraFlag = { type: 'string', value: 'FILE', help: 'a run file (as the lab exports it) or JSON {"cold": {…}, "hot": {…}}; flags beside it override it' };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The configuration in `--config FILE`: a whole run file, or {cold, hot} with any settings left out at their defaults. */
function configFile(path: string, read: (p: string) => string, defaults: ConfigOverrides): TrainConfig {
  let text: string;
  try {
    text = read(path);
  } catch (e) {
    throw new UsageError(`--config: cannot read ${path} (${(e as Error).message})`);
  }
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--config: ${path} is not JSON (${(e as Error).message})`);
  }
  if (isObj(v) && 'format' in v) {
    try {
      return parseRunFile(text, path).config;
    } catch (e) {
      throw new UsageError(`--config: ${e instanceof RunFileError ? e.message : (e as Error).message}`);
    }
  }
  const bad = (why: string) => new UsageError(`--config: ${path}: ${why}`);
  if (!isObj(v)) throw bad('expected a run file or an object {"cold": {…}, "hot": {…}}');
  for (const k of Object.keys(v)) if (k !== 'cold' && k !== 'hot') throw bad(`${k}: unknown field (a configuration has cold and hot)`);
  for (const k of ['cold', 'hot'] as const) if (v[k] !== undefined && !isObj(v[k])) throw bad(`${k}: expected an object`);
  const config = defaultConfig({ cold: { ...defaults.cold, ...(v.cold as object) }, hot: { ...defaults.hot, ...(v.hot as object) } });
  const problems = trainConfigProblems(config, '');
  if (problems.length) throw bad(problems.join('; '));
  return config;
}

function placeholder(e: SettingEntry): string {
  const s = e.setting;
  return s.kind === 'number' ? (s.rule?.integer ? 'N' : 'X') : s.kind === 'flag' ? '1|0' : s.kind === 'list' ? 'A,B' : s.kind === 'text' ? 'ID' : 'NAME';
}

/** Reads argv: every setting's flag, `--config`, and the command's `extra` flags. Throws UsageError naming the flag. */
export function parseSettingsFlags(argv: string[], opts: SettingsFlagsOptions = {}): SettingsFlags {
  const extra = { config: CONFIG_FLAG, ...opts.extra };
  const options: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const e of TRAIN_SETTINGS) options[e.flag] = { type: 'string' };
  for (const [k, f] of Object.entries(extra)) options[k] = { type: f.type };
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, allowPositionals: false, options }));
  } catch (e) {
    throw new UsageError(`${(e as Error).message.split('\n')[0]} (see --help)`);
  }
  const defaults = opts.defaults ?? {};
  const file = values.config as string | undefined;
  const base = file !== undefined ? configFile(file, opts.readFile ?? ((p) => readFileSync(p, 'utf8')), defaults) : defaultConfig(defaults);
  const config = structuredClone(base);
  const given = new Set<string>();
  const problems: string[] = [];
  for (const e of TRAIN_SETTINGS) {
    const raw = values[e.flag];
    if (typeof raw !== 'string') continue;
    const r = e.setting.fromText(raw);
    if (!r.ok) problems.push(`--${e.flag}: ${r.reason}`);
    else {
      setSetting(config, e, r.value);
      given.add(e.urlKey);
    }
  }
  if (problems.length) throw new UsageError(problems.join('; '));
  // A method chosen by flag brings its own γ and β, unless flags set them (as links do).
  if (given.has('method') && config.cold.method !== base.cold.method) {
    const c = coefficientsOf(config.cold.method);
    if (!given.has('gamma')) config.hot.gamma = c.gamma;
    for (const h of Object.keys(c.betas) as (keyof typeof c.betas)[]) if (!given.has(`beta_${h}`)) config.hot.betas[h] = c.betas[h];
  }
  const extras: SettingsFlags['extras'] = {};
  for (const k of Object.keys(extra)) extras[k] = values[k];
  return { config, extras, given };
}

/** "1 for ce, fitnet; 0.1 for kd, multi, hkd-noens, hkd": a per-method default in words. */
function perMethod(value: (m: MethodId) => number): string {
  const groups = new Map<number, MethodId[]>();
  for (const m of METHODS) groups.set(value(m), [...(groups.get(value(m)) ?? []), m]);
  return groups.size === 1 ? String([...groups.keys()][0]) : [...groups].map(([v, ms]) => `${v} for ${ms.join(', ')}`).join('; ');
}

function defaultText(e: SettingEntry, defaults: TrainConfig): string {
  if (e.group === 'hot' && e.path[0] === 'gamma') return perMethod((m) => methodCoefficients(m).gamma);
  if (e.group === 'hot' && e.path[0] === 'betas') return perMethod((m) => methodCoefficients(m).betas[e.path[1] as 'kd']);
  return e.setting.toText(getSetting(defaults, e)) || '(none)';
}

const line = (flag: string, text: string) => `  ${flag.padEnd(26)} ${text}`;

/** The usage text: the command's lines, its own flags, then every setting with its range and default. */
export function settingsUsage(o: { usage: string; intro: string; extra?: Record<string, ExtraFlag>; defaults?: ConfigOverrides }): string {
  const defaults = defaultConfig(o.defaults);
  const own = Object.entries({ config: CONFIG_FLAG, ...o.extra }).map(([k, f]) => line(`--${k}${f.type === 'string' ? ` ${f.value ?? 'VALUE'}` : ''}`, f.help));
  const group = (g: 'cold' | 'hot') =>
    TRAIN_SETTINGS.filter((e) => e.group === g).map((e) => line(`--${e.flag} ${placeholder(e)}`, `${e.setting.label}: ${e.setting.allowed} (default ${defaultText(e, defaults)})`));
  return [
    o.usage, '', o.intro, '', 'options:', ...own, '',
    'run settings (they define the run):', ...group('cold'), '',
    'live settings (the lab changes these while training runs):', ...group('hot'), '',
    'Values are written as in the lab\'s links: numbers as decimals (1e-3 too), lists with commas, flags as 1 or 0.',
  ].join('\n');
}
