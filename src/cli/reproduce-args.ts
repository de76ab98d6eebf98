// Flags of `npm run reproduce`.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PRESETS } from '../core/nn/presets';
import { DEFAULT_COLD, METHODS, type ColdSettings, type HotSettings, type MethodId } from '../core/train/config';
import { COLD_RULES, checkNumber, validateCold, validateHot } from '../core/train/validate';
import { UsageError } from './args';

export interface ReproduceArgs {
  preset: string;
  methods: MethodId[];
  seeds: number[];
  steps: number;
  jobs?: number;
  out: string;
  backend: 'wasm' | 'cpu';
  /** Settings for every run, from --config (method, seed and steps come from the flags). */
  cold: Partial<ColdSettings>;
  hot: Partial<HotSettings>;
  help: boolean;
}

export const REPRODUCE_USAGE = `usage: npm run reproduce -- [options]

Trains every method on every seed (same initialisation and batches per seed), in parallel, and
prints the mean ± sd of the final test accuracy per method and the paired differences with 95 %
intervals. Finished runs are skipped when the command is run again with the same settings.

options:
  --preset P        ${PRESETS.map((p) => p.id).join(', ')} (default cnn)
  --methods LIST    comma list of ${METHODS.join(', ')} (default all)
  --seeds N|LIST    N seeds 1..N, or a comma list of seeds (default 3)
  --steps N         steps per run (default ${DEFAULT_COLD.totalSteps})
  --jobs J          runs at a time (default: the number of cores)
  --out DIR         where runs and results go (default reproduce/<preset>-<steps>)
  --config FILE     JSON {"cold": {...}, "hot": {...}} of settings for every run
  --backend NAME    wasm or cpu (default wasm)
  --help            show this help`;

const int = (flag: string, raw: string, min: number, max: number) => {
  const p = checkNumber({ min, max, integer: true, label: flag }, raw.trim() === '' ? raw : Number(raw));
  if (p) throw new UsageError(p);
  return Number(raw);
};

export function parseReproduceArgs(argv: string[]): ReproduceArgs {
  let values: Record<string, string | boolean | undefined>;
  const text = { type: 'string' } as const;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: { preset: text, methods: text, seeds: text, steps: text, jobs: text, out: text, config: text, backend: text, help: { type: 'boolean' } },
    }) as { values: Record<string, string | boolean | undefined> });
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]);
  }
  const s = (k: string) => values[k] as string | undefined;
  const preset = s('preset') ?? 'cnn';
  if (!PRESETS.some((p) => p.id === preset)) throw new UsageError(`--preset: "${preset}" is unknown; choose one of ${PRESETS.map((p) => p.id).join(', ')}`);
  const methods = (s('methods') ?? METHODS.join(',')).split(',').filter(Boolean) as MethodId[];
  const bad = methods.filter((m) => !(METHODS as readonly string[]).includes(m));
  if (bad.length || !methods.length) throw new UsageError(`--methods: ${bad.length ? `"${bad.join(', ')}" unknown` : 'empty'}; choose from ${METHODS.join(', ')}`);
  const rawSeeds = s('seeds') ?? '3';
  const seeds = rawSeeds.includes(',')
    ? rawSeeds.split(',').map((x) => int('--seeds', x, COLD_RULES.seed!.min, COLD_RULES.seed!.max))
    : Array.from({ length: int('--seeds', rawSeeds, 1, 100) }, (_, i) => i + 1);
  const steps = s('steps') ? int('--steps', s('steps')!, 1, COLD_RULES.totalSteps!.max) : DEFAULT_COLD.totalSteps;
  const backend = s('backend') ?? 'wasm';
  if (backend !== 'wasm' && backend !== 'cpu') throw new UsageError(`--backend: "${backend}" is unknown; choose wasm or cpu`);
  let cold: Partial<ColdSettings> = {};
  let hot: Partial<HotSettings> = {};
  if (s('config')) {
    let file: { cold?: Partial<ColdSettings>; hot?: Partial<HotSettings> };
    try {
      file = JSON.parse(readFileSync(s('config')!, 'utf8'));
    } catch (e) {
      throw new UsageError(`--config: cannot read ${s('config')}: ${(e as Error).message}`);
    }
    cold = file.cold ?? {};
    hot = file.hot ?? {};
    const problems = [...validateCold(cold), ...validateHot(hot)];
    if (problems.length) throw new UsageError(`--config ${s('config')}: ${problems.join('; ')}`);
  }
  return {
    preset, methods: [...new Set(methods)], seeds: [...new Set(seeds)], steps, backend,
    jobs: s('jobs') ? int('--jobs', s('jobs')!, 1, 64) : undefined,
    out: s('out') ?? `reproduce/${preset}-${steps}`,
    cold, hot, help: values.help === true,
  };
}
