// Convolutions and pools in several implementations, because tfjs 4.22 backends differ:
// wasm has no Conv2DBackpropFilter kernel (so tf.conv2d cannot train there), and
// Conv2DBackpropFilter / MaxPoolGrad are not differentiable again (so nested tf.grads fail).
// All convolutions here are stride 1 with 'same' padding, for square kernels 1x1 or 3x3.
import * as tf from '@tensorflow/tfjs';
import type { ConvImpl } from './network';
import { resolveConvImpl } from './impl';
import { fastConv } from './fast-ops';

// Re-exported so callers find every conv/pool entry point here.
export { resolveConvImpl } from './impl';
export { convFilterGrad, convInputGrad } from './fast-ops';
export { maxPool2x2, maxPool2x2Reshape, globalAvgPool } from './pool';

/** 'same' conv, stride 1, kernel w [k,k,Cin,Cout] with k 1 or 3. */
export function conv2d(x: tf.Tensor4D, w: tf.Tensor4D, impl: ConvImpl = 'auto'): tf.Tensor4D {
  const k = w.shape[0];
  if (k !== w.shape[1] || (k !== 1 && k !== 3)) throw new Error(`conv2d: kernel must be 1x1 or 3x3, got ${w.shape[0]}x${w.shape[1]}`);
  switch (resolveConvImpl(impl)) {
    case 'native':
      return tf.conv2d(x, w, 1, 'same');
    case 'fast':
      return fastConv(x, w);
    case 'im2col':
      return im2colConv(x, w);
  }
}

/**
 * im2col conv: pad, k*k slices, concat, one matMul. Slow on wasm, but every op in it has a
 * differentiable gradient, so nested tf.grads (exact meta-gradients) work through it.
 */
export function im2colConv(x: tf.Tensor4D, w: tf.Tensor4D): tf.Tensor4D {
  const [b, h, wd, c] = x.shape;
  const k = w.shape[0];
  const o = w.shape[3];
  if (k === 1) return tf.reshape(tf.matMul(tf.reshape(x, [b * h * wd, c]), tf.reshape(w, [c, o])), [b, h, wd, o]);
  const p = (k - 1) / 2;
  const xp = tf.pad(x, [[0, 0], [p, p], [p, p], [0, 0]]);
  const cols: tf.Tensor4D[] = [];
  // Column order (dy, dx, c) matches the row-major layout of w [k,k,C,O] reshaped to [k*k*C,O].
  for (let dy = 0; dy < k; dy++) for (let dx = 0; dx < k; dx++) cols.push(tf.slice(xp, [0, dy, dx, 0], [b, h, wd, c]));
  const m = tf.reshape(tf.concat(cols, 3), [b * h * wd, k * k * c]);
  return tf.reshape(tf.matMul(m, tf.reshape(w, [k * k * c, o])), [b, h, wd, o]);
}
