// Flags of `npm run reproduce`: its own (methods, seeds, jobs, out, backend) and every setting of
// the runs, from the settings schema (settings-flags.ts), with `--config FILE`.
import { readFileSync } from 'node:fs';
import { coefficientsOf, HINTS, METHODS, type HintId, type MethodId, type TrainConfig } from '../core/settings';
import { parseSettingsFlags, settingsUsage, UsageError, type ExtraFlag } from './settings-flags';

export interface ReproduceArgs {
  /** Every run's settings but its method and seed. */
  base: TrainConfig;
  methods: MethodId[];
  seeds: number[];
  jobs?: number;
  out: string;
  backend: 'wasm' | 'cpu';
  /** The γ and β set by flags or the config file: every method uses those; the rest are its own. */
  fixedCoefficients: Set<'gamma' | HintId>;
  help: boolean;
}

const EXTRA: Record<string, ExtraFlag> = {
  methods: { type: 'string', value: 'LIST', help: `comma list of ${METHODS.join(', ')} (default all)` },
  seeds: { type: 'string', value: 'N|LIST', help: 'N seeds 1..N, or a comma list of seeds (default 3)' },
  jobs: { type: 'string', value: 'J', help: 'runs at a time (default: the number of cores)' },
  out: { type: 'string', value: 'DIR', help: 'where the runs and results go (default reproduce/<preset>-<steps>)' },
  backend: { type: 'string', value: 'NAME', help: 'wasm or cpu (default wasm)' },
  help: { type: 'boolean', help: 'show this help' },
};

export const REPRODUCE_USAGE = settingsUsage({
  usage: 'usage: npm run reproduce -- [options]',
  intro:
    'Trains every method on every seed (the same initialisation and batches for a seed), in parallel,\n' +
    'and prints the mean ± sd of the final test accuracy per method and the paired differences with\n' +
    '95 % intervals. Finished runs are skipped when the command is run again with the same settings.\n' +
    "Each method uses its own γ and β unless flags (or --config) set them. --method and --seed are\n" +
    'replaced by --methods and --seeds.',
  extra: EXTRA,
});

const whole = (flag: string, raw: string, min: number, max: number) => {
  const t = raw.trim();
  const n = Number(t);
  if (!/^\d+$/.test(t) || n < min || n > max) throw new UsageError(`${flag}: "${raw}" is not a whole number from ${min} to ${max}`);
  return n;
};

export function parseReproduceArgs(argv: string[], read: (p: string) => string = (p) => readFileSync(p, 'utf8')): ReproduceArgs {
  const { config, extras, given } = parseSettingsFlags(argv, { extra: EXTRA, readFile: read });
  for (const k of ['method', 'seed']) if (given.has(k)) throw new UsageError(`--${k}: use --${k}s (reproduce runs every method on every seed)`);
  const str = (k: string) => extras[k] as string | undefined;
  const methods = (str('methods') ?? METHODS.join(',')).split(',').map((m) => m.trim()).filter(Boolean);
  const bad = methods.filter((m) => !(METHODS as readonly string[]).includes(m));
  if (bad.length || !methods.length) throw new UsageError(`--methods: ${bad.length ? `${bad.map((b) => `"${b}"`).join(', ')} unknown` : 'no method given'}; choose from ${METHODS.join(', ')}`);
  const rawSeeds = str('seeds') ?? '3';
  const seeds = rawSeeds.includes(',') ? rawSeeds.split(',').map((x) => whole('--seeds', x, 0, 2 ** 31 - 1)) : Array.from({ length: whole('--seeds', rawSeeds, 1, 100) }, (_, i) => i + 1);
  const backend = str('backend') ?? 'wasm';
  if (backend !== 'wasm' && backend !== 'cpu') throw new UsageError(`--backend: "${backend}" is unknown; choose wasm or cpu`);
  // Did the config file set γ or β? Then, as with flags, every method takes them.
  const fixed = new Set<'gamma' | HintId>();
  if (str('config')) {
    const v = JSON.parse(read(str('config')!)) as { hot?: object; config?: { hot?: object } };
    const hot = (v.config?.hot ?? v.hot ?? {}) as { gamma?: unknown; betas?: Record<string, unknown> };
    if ('gamma' in hot) fixed.add('gamma');
    for (const h of HINTS) if (hot.betas && h in hot.betas) fixed.add(h);
  }
  if (given.has('gamma')) fixed.add('gamma');
  for (const h of HINTS) if (given.has(`beta_${h}`)) fixed.add(h);
  return {
    base: config,
    methods: [...new Set(methods)] as MethodId[],
    seeds: [...new Set(seeds)],
    jobs: str('jobs') !== undefined ? whole('--jobs', str('jobs')!, 1, 64) : undefined,
    out: str('out') ?? `reproduce/${config.cold.preset}-${config.cold.totalSteps}`,
    backend,
    fixedCoefficients: fixed,
    help: extras.help === true,
  };
}

/** One run's configuration: the base with its method and seed, and the method's own γ and β unless fixed. */
export function runConfig(a: ReproduceArgs, method: MethodId, seed: number): TrainConfig {
  const c = structuredClone(a.base);
  c.cold.method = method;
  c.cold.seed = seed;
  const own = coefficientsOf(method);
  if (!a.fixedCoefficients.has('gamma')) c.hot.gamma = own.gamma;
  for (const h of HINTS) if (!a.fixedCoefficients.has(h)) c.hot.betas[h] = own.betas[h];
  return c;
}
