import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeBackend } from '../../node/backend';
import { atLoss, attentionMap, ceLoss, correctness, fitnetLoss, kdLoss } from './losses';

beforeAll(async () => {
  await startNodeBackend('wasm');
});

const close = (a: ArrayLike<number>, b: number[], tol = 1e-5) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < b.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(tol * Math.max(1, Math.abs(b[i])));
};

const softmax = (z: number[]) => {
  const m = Math.max(...z);
  const e = z.map((x) => Math.exp(x - m));
  const s = e.reduce((p, q) => p + q, 0);
  return e.map((x) => x / s);
};

describe('per-instance hint losses, against hand-computed values', () => {
  const zs = [
    [1, 2, 0.5],
    [0, -1, 3],
  ];
  const zt = [
    [2, 1, 0],
    [0.5, 0.5, 2],
  ];
  const labels = [1, 2];

  it('CE is −log softmax at the label', async () => {
    const got = await tf.tidy(() => ceLoss(tf.tensor2d(zs), tf.oneHot(labels, 3).toFloat() as tf.Tensor2D)).data();
    close(got, zs.map((z, i) => -Math.log(softmax(z)[labels[i]])));
  });

  it('KD is T²·KL(q‖p) at temperature T', async () => {
    const T = 4;
    const want = zs.map((z, i) => {
      const q = softmax(zt[i].map((x) => x / T));
      const p = softmax(z.map((x) => x / T));
      return T * T * q.reduce((s, qc, c) => s + qc * (Math.log(qc) - Math.log(p[c])), 0);
    });
    const got = await tf.tidy(() => kdLoss(tf.tensor2d(zs), tf.tensor2d(zt), T)).data();
    close(got, want);
    // Identical logits give zero.
    const zero = await tf.tidy(() => kdLoss(tf.tensor2d(zt), tf.tensor2d(zt), T)).data();
    close(zero, [0, 0]);
  });

  it('FitNet is the per-instance mean squared difference', async () => {
    const a = tf.tensor4d([1, 2, 3, 4, 0, 0, 0, 0], [2, 1, 2, 2]);
    const b = tf.tensor4d([1, 1, 1, 1, 1, 1, 1, 1], [2, 1, 2, 2]);
    const got = await fitnetLoss(a, b).data();
    close(got, [(0 + 1 + 4 + 9) / 4, 1]);
  });

  it('AT compares L2-normalised channel-mean energy maps', async () => {
    // One instance, 1×2 map, 2 channels.
    const fs = tf.tensor4d([1, 1, 2, 0], [1, 1, 2, 2]); // pixel0: (1,1) pixel1: (2,0)
    const ft = tf.tensor4d([0, 1, 1, 0], [1, 1, 2, 2]);
    const as = [1, 2]; // mean_c F²: (1+1)/2, (4+0)/2
    const at = [0.5, 0.5];
    const n = (v: number[]) => v.map((x) => x / Math.hypot(...v));
    const ns = n(as), nt = n(at);
    close(await attentionMap(fs).data(), ns);
    const want = ((ns[0] - nt[0]) ** 2 + (ns[1] - nt[1]) ** 2) / 2;
    close(await atLoss([{ student: fs, teacher: ft }]).data(), [want]);
    close(await atLoss([{ student: fs, teacher: ft }, { student: fs, teacher: ft }]).data(), [2 * want]);
  });

  it('per-instance losses average to the batch loss', async () => {
    const s = tf.tensor2d(zs), t = tf.tensor2d(zt);
    const oh = tf.oneHot(labels, 3).toFloat() as tf.Tensor2D;
    const batchCe = await tf.losses.softmaxCrossEntropy(oh, s).data();
    close([ (await ceLoss(s, oh).mean().data())[0] ], [batchCe[0]]);
    // KD batch loss by tf's own KL on the whole batch, divided by B.
    const T = 2;
    const q = tf.softmax(tf.div(t, T)), p = tf.softmax(tf.div(s, T));
    const batchKd = (await tf.mul(tf.div(tf.sum(tf.mul(q, tf.sub(tf.log(q), tf.log(p)))), 2), T * T).data())[0];
    close([(await kdLoss(s, t, T).mean().data())[0]], [batchKd]);
    const fa = tf.randomNormal([3, 2, 2, 4], 0, 1, 'float32', 1) as tf.Tensor4D;
    const fb = tf.randomNormal([3, 2, 2, 4], 0, 1, 'float32', 2) as tf.Tensor4D;
    close([(await fitnetLoss(fa, fb).mean().data())[0]], [(await tf.losses.meanSquaredError(fb, fa).data())[0]]);
  });
});

describe('correctness', () => {
  it('is 1 exactly where the arg-max is the label, and differentiable (zero gradient)', async () => {
    const z = tf.tensor2d([[1, 3, 2], [5, 0, 1], [0, 0, 4]]);
    const y = tf.oneHot([1, 2, 2], 3).toFloat() as tf.Tensor2D;
    expect(Array.from(await correctness(z, y).data())).toEqual([1, 0, 1]);
    const g = tf.grad((zz: tf.Tensor) => tf.sum(correctness(zz as tf.Tensor2D, y)))(z);
    expect(Array.from(await g.data()).every((x) => x === 0)).toBe(true);
  });
});
