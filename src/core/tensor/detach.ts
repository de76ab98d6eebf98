// tfjs has no stopGradient: this identity passes zero gradient back. Everything upstream of the
// values we detach (per-instance losses) is on the gradient path anyway, so the zeros cost only
// an add of a [B, K] matrix.
import * as tf from '@tensorflow/tfjs';

const zeroGrad = tf.customGrad(((x: tf.Tensor) => ({
  value: tf.clone(x),
  gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
})) as unknown as Parameters<typeof tf.customGrad>[0]);

export function detach<T extends tf.Tensor>(x: T): T {
  return zeroGrad(x) as T;
}

/**
 * tf.grads disposes everything its function made but the result; tensors we need besides (the
 * per-instance losses) must be tf.keep'd there. A kept tensor survives every enclosing tidy, so
 * hand it back to the current scope as a clone and free the kept one.
 */
export function unkeep<T extends tf.Tensor>(t: T): T {
  const c = tf.clone(t) as T;
  t.dispose();
  return c;
}
