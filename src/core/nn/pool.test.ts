// Max-pool gradients on real images. Random-normal inputs never tie, so they cannot show how a
// pool routes the gradient of a tied window; Fashion-MNIST's flat background ties often.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeBackend } from '../../node/backend';
import { loadEmbeddedDatasetFromDisk } from '../../node/embedded';
import { Batcher } from '../data/batcher';
import type { Dataset } from '../data/dataset';
import { Rng } from '../random';
import { ceLoss } from '../hints/losses';
import { fastMaxPool2x2 } from './fast-ops';
import { createVariables } from './init';
import type { ConvImpl, TensorMap } from './network';
import { maxPool2x2Reshape } from './pool';
import { getPreset } from './presets';

let data: Dataset;

beforeAll(async () => {
  await startNodeBackend('wasm');
  data = await loadEmbeddedDatasetFromDisk();
});

const poolGrad = (pool: (x: tf.Tensor4D) => tf.Tensor4D, x: tf.Tensor4D, dy: tf.Tensor4D) =>
  tf.tidy(() => tf.grad((a: tf.Tensor) => pool(a as tf.Tensor4D))(x, dy));

/** A batch of real images through the cnn student's first conv + BN + ReLU at initialisation. */
function firstStageMaps(count: number): tf.Tensor4D {
  const student = getPreset('cnn').student();
  const { params, state } = createVariables(student.spec, Rng.fromSeed(1));
  const batcher = new Batcher(data.train, data, Rng.fromSeed(2));
  const x = tf.tensor4d(batcher.normalise(data.train.images, Int32Array.from({ length: count }, (_, i) => i)), [count, 28, 28, 1]);
  const maps = tf.tidy(() => student.forward(params, state, x, 'train', { impl: 'im2col' }).features.s1);
  tf.dispose([x, ...Object.values(params), ...Object.values(state)]);
  return maps;
}

describe('2x2 max pool gradient', () => {
  it('routes a tied window to one element, as the reshape pool does', async () => {
    // Windows, row-major (a00 a01 / a10 a11): all four tied; no tie; a tie down column 0; a tie
    // on the anti-diagonal. The reshape pool picks the last maximum in column-major order.
    const x = tf.tensor4d([2, 2, 2, 2, 5, 3, 3, 1, 4, 0, 4, -1, 1, 3, 3, 1], [4, 2, 2, 1]);
    const dy = tf.tensor4d([1, 1, 1, 1], [4, 1, 1, 1]);
    const want = [0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0];
    expect(Array.from(await poolGrad(maxPool2x2Reshape, x, dy).data())).toEqual(want);
    expect(Array.from(await poolGrad(fastMaxPool2x2, x, dy).data())).toEqual(want);
    tf.dispose([x, dy]);
  });

  it('equals the reshape pool on real images with flat regions (batch of 16)', async () => {
    const maps = firstStageMaps(16);
    const [b, h, w, c] = maps.shape;
    // The check means something only if the images really tie at positive values.
    const tiedShare = tf.tidy(() => {
      const x6 = tf.reshape(maps, [b, h / 2, 2, w / 2, 2, c]);
      const y = tf.reshape(tf.maxPool(maps, 2, 2, 'valid'), [b, h / 2, 1, w / 2, 1, c]);
      const atMax = tf.sum(tf.sub(1, tf.step(tf.sub(y, x6))), [2, 4]);
      const positive = tf.step(tf.reshape(y, [b, h / 2, w / 2, c]));
      const tied = tf.mul(tf.step(tf.sub(tf.reshape(atMax, [b, h / 2, w / 2, c]), 1)), positive);
      return tf.div(tf.sum(tied), tf.sum(positive));
    });
    expect((await tiedShare.data())[0]).toBeGreaterThan(0.1);
    const dy = tf.tensor4d(Rng.fromSeed(3).truncatedNormal(b * (h / 2) * (w / 2) * c, 1), [b, h / 2, w / 2, c]);
    const ref = await poolGrad(maxPool2x2Reshape, maps, dy).data();
    const got = await poolGrad(fastMaxPool2x2, maps, dy).data();
    let maxDiff = 0;
    for (let i = 0; i < ref.length; i++) maxDiff = Math.max(maxDiff, Math.abs(ref[i] - got[i]));
    expect(maxDiff).toBe(0);
    tf.dispose([maps, dy, tiedShare]);
  });

  it('gives the student the same CE gradient on the fast and im2col paths (real images, batch 16)', async () => {
    const student = getPreset('cnn').student();
    const { params, state } = createVariables(student.spec, Rng.fromSeed(4));
    const batcher = new Batcher(data.train, data, Rng.fromSeed(5));
    const batch = batcher.next(16);
    const x = tf.tensor4d(batch.x, batch.shape);
    const y = tf.oneHot(tf.tensor1d(batch.labels, 'int32'), 10).toFloat() as tf.Tensor2D;
    const names = Object.keys(params);
    const gradsOn = (impl: ConvImpl) =>
      tf.tidy(() =>
        tf.grads((...vs: tf.Tensor[]) => {
          const p: TensorMap = {};
          names.forEach((n, i) => (p[n] = vs[i]));
          return tf.mean(ceLoss(student.forward(p, state, x, 'train', { impl }).logits, y)) as tf.Scalar;
        })(names.map((n) => params[n])),
      );
    const fast = gradsOn('fast');
    const exact = gradsOn('im2col');
    const rel = tf.tidy(() => {
      let num = tf.scalar(0);
      let den = tf.scalar(0);
      fast.forEach((g, i) => {
        num = tf.add(num, tf.sum(tf.square(tf.sub(g, exact[i]))));
        den = tf.add(den, tf.sum(tf.square(exact[i])));
      });
      return tf.sqrt(tf.div(num, den));
    });
    // Before the tie fix this was about 0.2.
    expect((await rel.data())[0]).toBeLessThan(1e-4);
    tf.dispose([x, y, rel, ...fast, ...exact, ...Object.values(params), ...Object.values(state)]);
  });
});
