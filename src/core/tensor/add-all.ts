import * as tf from '@tensorflow/tfjs';

/**
 * Element-wise sum of same-shaped tensors. Not tf.addN: on webgpu (tfjs 4.22) AddN of many small
 * inputs returns wrong values (measured: 11 scalars gave ~0 instead of their sum).
 */
export function addAll<T extends tf.Tensor>(xs: T[]): T {
  return (xs.length === 1 ? xs[0] : tf.sum(tf.stack(xs), 0)) as T;
}
