// The meta-weight network V_Θ (HKD.md §3): Dense(d_in→100)+ReLU → Dense(100→K), v = 2·sigmoid.
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../random';
import { detach } from '../tensor/detach';
import type { MetaInput, WeightNorm } from '../train/config';

export const META_HIDDEN = 100;

export type MetaParams = { w1: tf.Tensor2D; b1: tf.Tensor1D; w2: tf.Tensor2D; b2: tf.Tensor1D };

/** Number of input features for a set of inputs and K hints: CE plus each hint's loss, then extras. */
export function metaInputSize(inputs: readonly MetaInput[], numHints: number): number {
  let d = 0;
  for (const i of inputs) d += i === 'losses' ? 1 + numHints : 1;
  return d;
}

export function initMetaParams(dIn: number, numHints: number, rng: Rng): Record<keyof MetaParams, tf.Variable> {
  // Glorot for the hidden layer; a tiny output layer with zero bias so an untrained network
  // gives v ≈ 2·sigmoid(0) = 1 and HKD starts as fixed multi-hint KD.
  const w1 = rng.truncatedNormal(dIn * META_HIDDEN, Math.sqrt(2 / (dIn + META_HIDDEN)));
  const w2 = rng.truncatedNormal(META_HIDDEN * numHints, 0.01);
  // tidy frees the initial tensors; the variables keep their own reference to the data.
  return tf.tidy(() => ({
    w1: tf.variable(tf.tensor2d(w1, [dIn, META_HIDDEN]), true, undefined),
    b1: tf.variable(tf.zeros([META_HIDDEN])),
    w2: tf.variable(tf.tensor2d(w2, [META_HIDDEN, numHints])),
    b2: tf.variable(tf.zeros([numHints])),
  }));
}

export function metaForward(p: MetaParams, u: tf.Tensor2D): tf.Tensor2D {
  const h = tf.relu(tf.add(tf.matMul(u, p.w1), p.b1));
  return tf.mul(tf.sigmoid(tf.add(tf.matMul(h, p.w2), p.b2)), 2) as tf.Tensor2D;
}

/**
 * Batch normalisation of the weights (HKD.md §3), differentiable, so the meta-gradient flows
 * through it: a one-step look-ahead rewards any rise of the total hint scale (it acts like a larger
 * learning rate), which drives raw outputs to the 2.0 ceiling; fixing the total takes that
 * direction away. `joint`: Σ_ik v = n·K (weight moves between instances and hints); `per-hint`:
 * each hint's batch mean is 1 (between instances only); `none`: the raw output.
 */
export function normaliseWeights(v: tf.Tensor2D, norm: WeightNorm): tf.Tensor2D {
  if (norm === 'none') return v;
  const [n, k] = v.shape;
  if (norm === 'joint') return tf.mul(v, tf.div(n * k, tf.sum(v))) as tf.Tensor2D;
  return tf.div(v, tf.mean(v, 0)) as tf.Tensor2D;
}

export interface MetaFeatureSource {
  /** [B, 1+K]: CE then each hint's per-instance loss, detached. */
  losses: tf.Tensor2D;
  /** t / T_total. */
  progress: number;
  /** [B] teacher's softmax probability of the true class. */
  teacherConf: tf.Tensor1D;
  /** [B] 1 where the student is currently right, else 0. */
  studentCorrect: tf.Tensor1D;
}

/** Builds u from the selected inputs; every input is detached from the student's graph. */
export function metaFeatures(inputs: readonly MetaInput[], src: MetaFeatureSource): tf.Tensor2D {
  const b = src.losses.shape[0];
  const cols: tf.Tensor2D[] = [];
  for (const i of inputs) {
    if (i === 'losses') cols.push(tf.log1p(tf.relu(detach(src.losses))) as tf.Tensor2D);
    else if (i === 'progress') cols.push(tf.fill([b, 1], src.progress) as tf.Tensor2D);
    else if (i === 'teacherConf') cols.push(tf.reshape(detach(src.teacherConf), [b, 1]) as tf.Tensor2D);
    else cols.push(tf.reshape(detach(src.studentCorrect), [b, 1]) as tf.Tensor2D);
  }
  return (cols.length === 1 ? cols[0] : tf.concat(cols, 1)) as tf.Tensor2D;
}
