import * as tf from '@tensorflow/tfjs';
import type { Split } from '../data/dataset';
import type { Network, TensorMap } from '../nn/network';

export interface Evaluation {
  accuracy: number;
  loss: number;
  perClassAcc: Float32Array;
}

/**
 * Accuracy and mean CE of a network on (the first `limit` of) a split, in eval mode, in chunks so
 * memory stays bounded. `normalise(indices)` gives the network's input for those indices.
 */
export async function evaluateNetwork(
  net: Network,
  params: TensorMap,
  state: TensorMap,
  split: Split,
  normalise: (indices: Int32Array) => Float32Array,
  limit = 0,
  chunk = 500,
): Promise<Evaluation> {
  const [h, w, c] = net.spec.inputShape;
  const classes = net.spec.numClasses;
  const n = limit > 0 ? Math.min(limit, split.count) : split.count;
  let correct = 0;
  let lossSum = 0;
  const hit = new Float64Array(classes);
  const seen = new Float64Array(classes);
  for (let start = 0; start < n; start += chunk) {
    const size = Math.min(chunk, n - start);
    const indices = Int32Array.from({ length: size }, (_, i) => start + i);
    const labels = Int32Array.from(indices, (i) => split.labels[i]);
    const out = tf.tidy(() => {
      const x = tf.tensor4d(normalise(indices), [size, h, w, c]);
      const logits = net.forward(params, state, x, 'eval').logits;
      const y = tf.oneHot(tf.tensor1d(labels, 'int32'), classes);
      const ce = tf.sum(tf.neg(tf.sum(tf.mul(y, tf.logSoftmax(logits)), 1)));
      return tf.concat([tf.reshape(ce, [1]), tf.cast(tf.argMax(logits, 1), 'float32')]);
    });
    const data = await out.data();
    out.dispose();
    lossSum += data[0];
    for (let i = 0; i < size; i++) {
      seen[labels[i]]++;
      if (data[1 + i] === labels[i]) {
        correct++;
        hit[labels[i]]++;
      }
    }
  }
  return {
    accuracy: correct / n,
    loss: lossSum / n,
    perClassAcc: Float32Array.from(hit, (x, k) => (seen[k] ? x / seen[k] : 0)),
  };
}
