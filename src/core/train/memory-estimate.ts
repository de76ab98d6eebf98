// The memory a run needs, estimated before it starts, so a batch that cannot fit is refused with a
// figure instead of crashing the tab. Activations are measured, not modelled: one forward pass of
// each network on one image, counting the bytes tfjs allocates (nothing is read back, so this is
// safe on WebGPU, where tf.profile's per-kernel reads are not). Factors turn those into a step's
// peak; memory-estimate.test.ts holds them against tf.profile's measured peak.
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data/dataset';
import { methodSpec } from '../methods/methods';
import { createVariables } from '../nn/init';
import type { Network, TensorMap } from '../nn/network';
import { getPreset } from '../nn/presets';
import { Rng } from '../random';
import type { TrainConfig } from './config';

export interface MemoryEstimate {
  /** Bytes at the peak of one training step, with everything resident. */
  total: number;
  /** Activation bytes per training-batch image (the part a smaller batch saves). */
  perBatchImage: number;
  /** Activation bytes per meta-batch image (0 without a meta step). */
  perMetaImage: number;
  /** Meta-batch images counted. */
  metaBatch: number;
  /** Everything else: weights with gradients and momentum, the meta batch, the images as bytes. */
  fixed: number;
  /** Of `fixed`: the dataset's images (JavaScript memory, not tensors). */
  dataBytes: number;
}

/**
 * Measured on the cpu backend (tf.profile peaks, both presets, CE/KD/FitNet/HKD, batches 8–64):
 * a step's peak held 6.3–9.1 times the student's forward bytes per image (its backward keeps
 * every intermediate until the gradients are out), 1.0–1.05 times the teacher's (hint targets),
 * and 1.4–3.1 times the student's per meta image (the look-ahead). Rounded up so the estimate
 * stays above the measurement: refusing a run that would fit is the cheaper mistake.
 */
const STUDENT_FACTOR = 10;
const TEACHER_FACTOR = 1.25;
const META_FACTOR = 4;

/** Bytes allocated by one forward pass on a single image (everything the pass creates). */
function forwardBytes(net: Network, params: TensorMap, state: TensorMap, shape: [number, number, number], mode: 'train' | 'eval'): number {
  return tf.tidy(() => {
    const x = tf.zeros([1, ...shape]) as tf.Tensor4D;
    const before = tf.memory().numBytes;
    net.forward(params, state, x, mode);
    return tf.memory().numBytes - before;
  });
}

const tensorBytes = (m: TensorMap) => Object.values(m).reduce((s, t) => s + t.size * 4, 0);

export function estimateRunMemory(config: TrainConfig, dataset: Dataset, teacher: { network: Network; params: TensorMap; state: TensorMap }): MemoryEstimate {
  const { cold } = config;
  const shape: [number, number, number] = [dataset.height, dataset.width, dataset.channels];
  const student = getPreset(cold.preset).student({ inputShape: shape, numClasses: dataset.classNames.length });
  const v = createVariables(student.spec, Rng.stream(cold.seed, 'memory-estimate'));
  let studentAct: number;
  let studentWeights: number;
  try {
    studentAct = forwardBytes(student, v.params, v.state, shape, 'train');
    studentWeights = tensorBytes(v.params) + tensorBytes(v.state);
  } finally {
    tf.dispose([...Object.values(v.params), ...Object.values(v.state)]);
  }
  const method = methodSpec(cold.method);
  const teacherAct = method.hints.length ? forwardBytes(teacher.network, teacher.params, teacher.state, shape, 'eval') : 0;
  const perBatchImage = STUDENT_FACTOR * studentAct + TEACHER_FACTOR * teacherAct;
  const perMetaImage = method.weighting === 'meta' ? META_FACTOR * studentAct : 0;
  const metaBytes = cold.metaBatchSize * perMetaImage;
  const dataBytes = (dataset.train.count + dataset.test.count) * shape[0] * shape[1] * shape[2];
  // Weights, their gradients, momentum and the look-ahead copy; the teacher as it is.
  const fixed = 4 * studentWeights + tensorBytes(teacher.params) + tensorBytes(teacher.state) + metaBytes + dataBytes;
  return { total: fixed + cold.batchSize * perBatchImage, perBatchImage, perMetaImage, metaBatch: cold.metaBatchSize, fixed, dataBytes };
}

/**
 * Compared runs step one after another: their weights add up, one step's batch activations are
 * live at a time (each run's meta batch is counted with its weights: the estimate errs high).
 */
export function combineEstimates(es: MemoryEstimate[]): MemoryEstimate {
  const dataBytes = Math.max(...es.map((e) => e.dataBytes));
  const weights = es.reduce((s, e) => s + e.fixed - e.dataBytes, 0);
  const worst = es.reduce((a, e) => (e.total - e.fixed > a.total - a.fixed ? e : a));
  const fixed = weights + dataBytes;
  const perMetaImage = es.reduce((m, e) => m + e.perMetaImage, 0);
  return { total: fixed + worst.total - worst.fixed, perBatchImage: worst.perBatchImage, perMetaImage, metaBatch: Math.max(...es.map((e) => e.metaBatch)), fixed, dataBytes };
}

/**
 * How much a run may use on a backend. wasm's heap stops at 4 GiB (tfjs-backend-wasm's
 * emscripten maximum); the GPU backends and cpu share the machine's memory, of which the browser
 * tells a bucketed figure (navigator.deviceMemory, capped at 8 GB in Chromium): half of it, so
 * the page, the browser and the dataset keep room. Unknown memory is taken as 4 GB.
 */
export function memoryBudget(backend: string, deviceMemoryGb: number | undefined): number {
  const ram = (deviceMemoryGb && Number.isFinite(deviceMemoryGb) && deviceMemoryGb > 0 ? deviceMemoryGb : 4) * 2 ** 30;
  const share = ram / 2;
  return backend === 'wasm' ? Math.min(share, 4 * 2 ** 30 - 2 ** 16) : share;
}

const gb = (n: number) => (n >= 2 ** 30 ? `${(n / 2 ** 30).toFixed(1)} GB` : `${Math.ceil(n / 2 ** 20)} MB`);

/**
 * The largest batch size that fits, with the meta batch no larger than it (the controls lower
 * both together); 0 when none from 2 up does.
 */
export function largestFittingBatch(e: MemoryEstimate, budget: number, below: number): number {
  const base = e.fixed - e.metaBatch * e.perMetaImage;
  const at = (b: number) => base + b * e.perBatchImage + Math.min(e.metaBatch, b) * e.perMetaImage;
  let lo = 1;
  let hi = below - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (at(mid) <= budget) lo = mid;
    else hi = mid - 1;
  }
  return lo >= 2 && at(lo) <= budget ? lo : 0;
}

/** A plain refusal (what, how much, what to do), or null when the run fits. */
export function memoryProblem(config: TrainConfig, e: MemoryEstimate, budget: number, backend: string): { message: string; advice: string } | null {
  if (e.total <= budget) return null;
  const fits = largestFittingBatch(e, budget, config.cold.batchSize);
  return {
    message: `This configuration needs about ${gb(e.total)} of memory (a batch of ${config.cold.batchSize} images takes ${gb(config.cold.batchSize * e.perBatchImage)}), more than the ${backend} backend can safely use here (about ${gb(budget)}).`,
    advice: fits >= 2
      ? `Lower the batch size to ${fits} or less${e.perMetaImage && e.metaBatch > fits ? ' (the meta batch with it)' : ''}. Nothing was started; the current run is unchanged.`
      : 'Lower the batch and meta batch sizes, compare fewer methods, or use a smaller dataset. Nothing was started; the current run is unchanged.',
  };
}
