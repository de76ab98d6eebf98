import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeBackend } from '../../node/backend';
import { expSO, logSoftmaxSO, softmaxCrossEntropySO } from './second-order';
import { randn } from './test-util';

/** Relative error of the nested-tf.grads Hessian-vector product against central differences. */
function hvpErr(f: (w: tf.Tensor) => tf.Tensor, w: tf.Tensor, eps = 1e-3): number {
  return tf.tidy(() => {
    const v = randn(w.shape, 6);
    const u = randn(w.shape, 7);
    const g = (ww: tf.Tensor) => tf.sum(tf.mul(tf.grad((a: tf.Tensor) => tf.sum(f(a)))(ww), v));
    const hvp = tf.sum(tf.mul(tf.grad(g)(w), u)).dataSync()[0];
    const fd = tf.div(tf.sub(g(tf.add(w, tf.mul(u, eps))), g(tf.sub(w, tf.mul(u, eps)))), 2 * eps).dataSync()[0];
    return Math.abs(hvp - fd) / Math.max(Math.abs(fd), 1e-3);
  });
}

describe('second-order-safe ops', () => {
  let w: tf.Tensor2D;
  let y: tf.Tensor2D;
  beforeAll(async () => {
    await startNodeBackend('cpu');
    w = randn([9, 6], 5, 0.5) as tf.Tensor2D;
    y = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 1, 2, 3, 4, 5, 0, 1, 2], 'int32'), 6).toFloat() as tf.Tensor2D);
  });

  it('documents the tfjs bug: nested grads through exp / logSoftmax are wrong', () => {
    expect(hvpErr((a) => tf.square(tf.exp(a)), w)).toBeGreaterThan(0.3);
    expect(hvpErr((a) => tf.square(tf.logSoftmax(a as tf.Tensor2D)), w)).toBeGreaterThan(0.3);
  });

  it('expSO, logSoftmaxSO and softmaxCrossEntropySO have correct second derivatives', () => {
    expect(hvpErr((a) => tf.square(expSO(a)), w)).toBeLessThan(1e-3);
    expect(hvpErr((a) => tf.square(logSoftmaxSO(a as tf.Tensor2D)), w)).toBeLessThan(1e-3);
    expect(hvpErr((a) => softmaxCrossEntropySO(a as tf.Tensor2D, y), w)).toBeLessThan(1e-3);
  });

  it('logSoftmaxSO equals tf.logSoftmax', () => {
    const d = tf.tidy(() => tf.max(tf.abs(tf.sub(logSoftmaxSO(w), tf.logSoftmax(w)))).dataSync()[0]);
    expect(d).toBeLessThan(1e-6);
  });
});
