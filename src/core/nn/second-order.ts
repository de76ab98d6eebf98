// Second-order-safe versions of ops whose tfjs gradients are wrong under nested tf.grads.
// tfjs 4.22 saves an op's *output* for its gradient as a clone that is not on the tape, so
// gradients that use the output (exp, tanh, sigmoid, softmax, logSoftmax, pow) are treated as
// constants by an outer tf.grads: second derivatives come out silently wrong (e.g. exp: exactly
// half), or "Cannot compute gradient" for softmax cross-entropy. These recompute from the input.
import * as tf from '@tensorflow/tfjs';
import { customOp } from './fast-ops';

/** exp whose gradient dy·exp(x) is recomputed from the (taped) input x. */
export const expSO: (x: tf.Tensor) => tf.Tensor = customOp((x: tf.Tensor, _save: tf.GradSaveFunc) => ({
  value: tf.exp(x),
  gradFunc: (dy: tf.Tensor | tf.Tensor[]) => tf.mul(dy as tf.Tensor, expSO(x)),
}));

/** Row max with zero gradient (a shift that log-softmax is invariant to). */
const detachedRowMax = customOp((x: tf.Tensor, _save: tf.GradSaveFunc) => ({
  value: tf.max(x, -1, true),
  gradFunc: () => tf.zerosLike(x),
}));

/** log softmax over the last axis, twice differentiable under nested tf.grads. */
export function logSoftmaxSO(z: tf.Tensor2D): tf.Tensor2D {
  const s = tf.sub(z, detachedRowMax(z));
  return tf.sub(s, tf.log(tf.sum(expSO(s), -1, true))) as tf.Tensor2D;
}

/** Per-instance softmax cross-entropy [B], twice differentiable under nested tf.grads. */
export function softmaxCrossEntropySO(logits: tf.Tensor2D, targets: tf.Tensor2D): tf.Tensor1D {
  return tf.neg(tf.sum(tf.mul(targets, logSoftmaxSO(logits)), 1)) as tf.Tensor1D;
}
