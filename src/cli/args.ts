// Command-line flags of `npm run train`, checked against the same rules as the lab's controls.
import { parseArgs } from 'node:util';
import { PRESETS } from '../core/nn/presets';
import { METHODS, type MethodId } from '../core/train/config';
import { COLD_RULES, HOT_RULES, checkNumber } from '../core/train/validate';

export interface TrainArgs {
  preset: string;
  method: MethodId;
  steps: number;
  seed: number;
  out: string | null;
  batch: number;
  lr?: number;
  metaInterval?: number;
  evalEvery: number;
  backend: 'wasm' | 'cpu';
  help: boolean;
}

export const USAGE = `usage: npm run train -- [options]

Trains a student from the preset's pretrained teacher on the embedded Fashion-MNIST subset.
Without options it trains HKD on the default preset.

options:
  --preset P          teacher→student pair: ${PRESETS.map((p) => p.id).join(', ')} (default cnn)
  --method M          ${METHODS.join(', ')} (default hkd)
  --steps N           training steps (default 300)
  --seed S            seed for initialisation, shuffling, augmentation and meta batches (default 1)
  --out FILE          write every reported series to FILE as JSON (default run.json; "-" for none)
  --batch B           batch size (default 32)
  --lr X              student learning rate (default 0.05)
  --meta-interval M   a meta step every M steps (default 1)
  --eval-every N      evaluate on the test split every N steps (default 100)
  --backend NAME      wasm or cpu (default wasm; falls back to cpu if wasm fails)
  --help              show this help`;

export class UsageError extends Error {
  name = 'UsageError';
}

function num(name: string, raw: string | undefined, rule: { min: number; max: number; integer?: boolean; label: string }, fallback?: number) {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  const problem = checkNumber({ ...rule, label: `--${name}` }, raw.trim() === '' || Number.isNaN(value) ? raw : value);
  if (problem) throw new UsageError(problem);
  return value;
}

export function parseTrainArgs(argv: string[]): TrainArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        preset: { type: 'string' },
        method: { type: 'string' },
        steps: { type: 'string' },
        seed: { type: 'string' },
        out: { type: 'string' },
        batch: { type: 'string' },
        lr: { type: 'string' },
        'meta-interval': { type: 'string' },
        'eval-every': { type: 'string' },
        backend: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]);
  }
  const s = (k: string) => values[k] as string | undefined;
  const preset = s('preset') ?? 'cnn';
  if (!PRESETS.some((p) => p.id === preset)) throw new UsageError(`--preset: "${preset}" is unknown; choose one of ${PRESETS.map((p) => p.id).join(', ')}`);
  const method = (s('method') ?? 'hkd') as MethodId;
  if (!METHODS.includes(method)) throw new UsageError(`--method: "${method}" is unknown; choose one of ${METHODS.join(', ')}`);
  const backend = s('backend') ?? 'wasm';
  if (backend !== 'wasm' && backend !== 'cpu') throw new UsageError(`--backend: "${backend}" is unknown; choose wasm or cpu`);
  const out = s('out') ?? 'run.json';
  return {
    preset,
    method,
    steps: num('steps', s('steps'), COLD_RULES.totalSteps!, 300)!,
    seed: num('seed', s('seed'), COLD_RULES.seed!, 1)!,
    out: out === '-' ? null : out,
    batch: num('batch', s('batch'), COLD_RULES.batchSize!, 32)!,
    lr: num('lr', s('lr'), HOT_RULES.lr),
    metaInterval: num('meta-interval', s('meta-interval'), HOT_RULES.metaInterval),
    evalEvery: num('eval-every', s('eval-every'), COLD_RULES.evalEvery!, 100)!,
    backend,
    help: values.help === true,
  };
}
