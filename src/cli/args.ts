// Command-line flags of `npm run train`: every setting (generated from the settings schema, see
// settings-flags.ts), `--config FILE`, and the command's own --out, --backend and --help.
import type { MethodId, TrainConfig } from '../core/settings';
import { parseSettingsFlags, settingsUsage, UsageError, type ExtraFlag } from './settings-flags';

export { UsageError };

export interface TrainArgs {
  config: TrainConfig;
  out: string | null;
  backend: 'wasm' | 'cpu';
  help: boolean;
  // Views of `config` for the command's messages.
  preset: string;
  method: MethodId;
  steps: number;
  seed: number;
  batch: number;
  evalEvery: number;
}

const EXTRA: Record<string, ExtraFlag> = {
  out: { type: 'string', value: 'FILE', help: 'write every reported series to FILE as JSON (default run.json; "-" for none)' },
  backend: { type: 'string', value: 'NAME', help: 'wasm or cpu (default wasm; falls back to cpu if wasm fails)' },
  help: { type: 'boolean', help: 'show this help' },
};

/** The command's defaults where they differ from the lab's: a run short enough to wait for. */
const DEFAULTS = { cold: { totalSteps: 300 } };

export const USAGE = settingsUsage({
  usage: 'usage: npm run train -- [options]',
  intro: "Trains a student from the preset's pretrained teacher on the embedded Fashion-MNIST subset.\nWithout options it trains HKD on the default preset for 300 steps.",
  extra: EXTRA,
  defaults: DEFAULTS,
});

export function parseTrainArgs(argv: string[], readFile?: (path: string) => string): TrainArgs {
  const { config, extras } = parseSettingsFlags(argv, { extra: EXTRA, defaults: DEFAULTS, readFile });
  const backend = (extras.backend as string | undefined) ?? 'wasm';
  if (backend !== 'wasm' && backend !== 'cpu') throw new UsageError(`--backend: "${backend}" is unknown; choose wasm or cpu`);
  const out = (extras.out as string | undefined) ?? 'run.json';
  const c = config.cold;
  return {
    config, out: out === '-' ? null : out, backend, help: extras.help === true,
    preset: c.preset, method: c.method, steps: c.totalSteps, seed: c.seed, batch: c.batchSize, evalEvery: c.evalEvery,
  };
}
