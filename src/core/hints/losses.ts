// Per-instance losses: every function returns a length-B vector, never only a batch mean,
// because HKD weights each instance's hint separately (HKD.md §2).
import * as tf from '@tensorflow/tfjs';
import { addAll } from '../tensor/add-all';

/** CE_i = −log softmax(z_s,i)[y_i]; `oneHot` is [B, C] float. */
export function ceLoss(logits: tf.Tensor2D, oneHot: tf.Tensor2D): tf.Tensor1D {
  return tf.neg(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), 1)) as tf.Tensor1D;
}

/** The teacher's side of KD, log q = log softmax(z_t/T): computed once per batch, not per pass. */
export function kdTarget(teacher: tf.Tensor2D, temperature: number): tf.Tensor2D {
  return tf.logSoftmax(tf.div(teacher, temperature)) as tf.Tensor2D;
}

/** KD_i = T² · Σ_c q_ic (log q_ic − log p_ic), with log q from kdTarget and p = softmax(z_s/T). */
export function kdLossToTarget(student: tf.Tensor2D, logQ: tf.Tensor2D, temperature: number): tf.Tensor1D {
  const logP = tf.logSoftmax(tf.div(student, temperature));
  const kl = tf.sum(tf.mul(tf.exp(logQ), tf.sub(logQ, logP)), 1);
  return tf.mul(kl, temperature * temperature) as tf.Tensor1D;
}

/** KD_i = T² · Σ_c q_ic (log q_ic − log p_ic), q = softmax(z_t/T), p = softmax(z_s/T). */
export function kdLoss(student: tf.Tensor2D, teacher: tf.Tensor2D, temperature: number): tf.Tensor1D {
  return kdLossToTarget(student, kdTarget(teacher, temperature), temperature);
}

/** FIT_i = mean_{h,w,c} (r(F_s,i) − F_t,i)², with r the regressor already applied by the caller. */
export function fitnetLoss(regressed: tf.Tensor4D, teacher: tf.Tensor4D): tf.Tensor1D {
  return tf.mean(tf.squaredDifference(regressed, teacher), [1, 2, 3]) as tf.Tensor1D;
}

/** a = L2-normalise(mean_c F²) over the flattened spatial map, per instance: [B, H·W]. */
export function attentionMap(f: tf.Tensor4D): tf.Tensor2D {
  const [b, h, w] = f.shape;
  const a = tf.reshape(tf.mean(tf.square(f), 3), [b, h * w]);
  // The epsilon keeps the gradient finite for an all-zero map (dead ReLUs).
  const norm = tf.sqrt(tf.add(tf.sum(tf.square(a), 1, true), 1e-12));
  return tf.div(a, norm) as tf.Tensor2D;
}

/** AT_i = Σ_layers mean_hw (a_s,i − a_t,i)², with the teacher's maps a_t already computed. */
export function atLossToMaps(pairs: { student: tf.Tensor4D; teacherMap: tf.Tensor2D }[]): tf.Tensor1D {
  const terms = pairs.map(({ student, teacherMap }) => tf.mean(tf.squaredDifference(attentionMap(student), teacherMap), 1));
  return addAll(terms) as tf.Tensor1D;
}

/** AT_i = Σ_layers mean_hw (a_s,i − a_t,i)². */
export function atLoss(pairs: { student: tf.Tensor4D; teacher: tf.Tensor4D }[]): tf.Tensor1D {
  return atLossToMaps(pairs.map(({ student, teacher }) => ({ student, teacherMap: attentionMap(teacher) })));
}

/**
 * 1 where the arg-max of the logits is the label, else 0. Built from ops that have (zero)
 * gradients, because it is computed inside tf.grads passes and comparisons like Equal have none.
 */
export function correctness(logits: tf.Tensor2D, oneHot: tf.Tensor2D): tf.Tensor1D {
  const atLabel = tf.sum(tf.mul(logits, oneHot), 1);
  const bestOther = tf.max(tf.sub(logits, tf.mul(oneHot, 1e9)), 1);
  return tf.step(tf.sub(atLabel, bestOther)) as tf.Tensor1D;
}
