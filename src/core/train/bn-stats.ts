// Precise batch-norm statistics (HKD.md §7, as fvcore/Detectron2's "precise BN"): just before an
// evaluation, the running statistics are replaced by the statistics of the current weights on a
// fixed set of un-augmented training images, so that eval-mode accuracy measures the weights and
// not the last few batches. Teachers and students go through the same function.
import * as tf from '@tensorflow/tfjs';
import type { Split } from '../data/dataset';
import { chooseProbes } from '../data/probes';
import type { Network, TensorMap } from '../nn/network';
import { Rng } from '../random';

/** Images per forward pass: bounds memory (each pass keeps its activations until it ends). */
const CHUNK = 250;

/**
 * The images whose statistics evaluations use: `count` training images, class-stratified, chosen
 * by a fixed seed (not the run's), so every run, method and teacher on a split uses the same ones.
 */
export function bnStatsIndices(split: Split, numClasses: number, count: number): Int32Array {
  return chooseProbes(split.labels, numClasses, Math.min(count, split.count), Rng.stream(0, 'bn-stats'));
}

/**
 * Batch-norm running statistics recomputed on `indices` of a split: train-mode forward passes in
 * chunks, each layer's mean and variance pooled over every image (per chunk: mean and E[x²]).
 * Returns new state tensors, every key of `state`; the caller owns (and assigns or disposes) them.
 */
export function preciseBnState(
  net: Network,
  params: TensorMap,
  state: TensorMap,
  indices: Int32Array,
  normalise: (indices: Int32Array) => Float32Array,
): TensorMap {
  const [h, w, c] = net.spec.inputShape;
  const sums = new Map<string, { mean: tf.Tensor1D; sq: tf.Tensor1D; n: number; varName: string }>();
  for (let start = 0; start < indices.length; start += CHUNK) {
    const idx = indices.subarray(start, Math.min(indices.length, start + CHUNK));
    tf.tidy(() => {
      const x = tf.tensor4d(normalise(idx), [idx.length, h, w, c]);
      for (const u of net.forward(params, state, x, 'train').bnUpdates) {
        const prev = sums.get(u.name);
        const mean = tf.mul(u.batchMean, u.count);
        const sq = tf.mul(tf.add(u.batchVar, tf.square(u.batchMean)), u.count);
        const next = prev
          ? { mean: tf.add(prev.mean, mean) as tf.Tensor1D, sq: tf.add(prev.sq, sq) as tf.Tensor1D, n: prev.n + u.count, varName: u.varName }
          : { mean: mean as tf.Tensor1D, sq: sq as tf.Tensor1D, n: u.count, varName: u.varName };
        if (prev) tf.dispose([prev.mean, prev.sq]);
        sums.set(u.name, { ...next, mean: tf.keep(next.mean), sq: tf.keep(next.sq) });
      }
    });
  }
  return tf.tidy(() => {
    const out: TensorMap = {};
    for (const [name, s] of sums) {
      const mean = tf.div(s.mean, s.n);
      // Unbiased, as the running variance is.
      const variance = tf.mul(tf.relu(tf.sub(tf.div(s.sq, s.n), tf.square(mean))), s.n / Math.max(s.n - 1, 1));
      out[name] = mean;
      out[s.varName] = variance;
    }
    for (const [k, v] of Object.entries(state)) if (!(k in out)) out[k] = tf.clone(v);
    for (const s of sums.values()) tf.dispose([s.mean, s.sq]);
    return out;
  });
}
