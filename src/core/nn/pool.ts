// Pools: a twice-differentiable 2x2 max pool, a fast one, and global average pooling.
import * as tf from '@tensorflow/tfjs';
import type { ConvImpl } from './network';
import { resolveConvImpl } from './impl';
import { fastMaxPool2x2 } from './fast-ops';

/**
 * 2x2 max pool, stride 2, as max(a, b) = b + relu(a − b) over the two rows, then the two columns
 * of each window. Twice differentiable on every backend: tf.maxPool's MaxPoolGrad is not, and
 * neither is tf.max/tf.maximum (their gradients use Equal/GreaterEqual, which have none).
 * H and W must be even.
 */
export function maxPool2x2Reshape(x: tf.Tensor4D): tf.Tensor4D {
  const [b, h, w, c] = x.shape;
  if (h % 2 || w % 2) throw new Error(`maxPool2x2: spatial size must be even, got ${h}x${w}`);
  const x6 = tf.reshape(x, [b, h / 2, 2, w / 2, 2, c]);
  const half = (t: tf.Tensor, axis: number) => {
    const size = [...t.shape];
    size[axis] = 1;
    // Fresh arrays per slice: the gradient tape keeps a reference to `begin`.
    const a0 = tf.slice(t, [0, 0, 0, 0, 0, 0], size);
    const a1 = tf.slice(t, [0, 0, 0, 0, 0, 0].map((_, i) => (i === axis ? 1 : 0)), size);
    return tf.add(a1, tf.relu(tf.sub(a0, a1)));
  };
  return tf.reshape(half(half(x6, 2), 4), [b, h / 2, w / 2, c]);
}

/**
 * 2x2 max pool matching a conv implementation: the reshape version for im2col (second-order
 * safe); otherwise tf.maxPool with our own gradient, which routes ties like the reshape version on
 * every backend (tfjs's MaxPoolGrad breaks ties differently per backend, and is ~6x slower on wasm).
 */
export function maxPool2x2(x: tf.Tensor4D, impl: ConvImpl = 'auto'): tf.Tensor4D {
  return resolveConvImpl(impl) === 'im2col' ? maxPool2x2Reshape(x) : fastMaxPool2x2(x);
}

/** Global average pool: NHWC → [B,C]. */
export function globalAvgPool(x: tf.Tensor4D): tf.Tensor2D {
  return tf.mean(x, [1, 2]) as tf.Tensor2D;
}
