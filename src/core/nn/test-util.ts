// Helpers shared by the nn tests.
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../random';

export function randn(shape: number[], seed: number, std = 1): tf.Tensor {
  return tf.tensor(Rng.fromSeed(seed).truncatedNormal(shape.reduce((a, b) => a * b, 1), std), shape);
}

/** max |a − b| / max(max |b|, 1e-6): one relative figure for a whole tensor. */
export async function relErr(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  const [dt, mt] = tf.tidy(() => [tf.max(tf.abs(tf.sub(a, b))), tf.max(tf.abs(b))]);
  const [d, m] = await Promise.all([dt.data(), mt.data()]);
  tf.dispose([dt, mt]);
  return d[0] / Math.max(m[0], 1e-6);
}
