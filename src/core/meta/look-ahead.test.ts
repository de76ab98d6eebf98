// Meta-gradient correctness: the first-order finite-difference meta-gradient (HKD.md §4) against
// (a) the exact one by nested tf.grads through the virtual step and (b) a central difference of
// the whole bilevel objective. Tolerance: relative error ≤ 1e-2 (float32 throughout).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeBackend } from '../../node/backend';
import { Rng } from '../random';
import { ceLoss, correctness, kdLoss } from '../hints/losses';
import { conv2d, maxPool2x2 } from '../nn/conv';
import type { TensorMap } from '../nn/network';
import { bilevelObjective, exactMetaGradient, lookAhead, surrogateGrads, type BilevelProblem, type Coefficients, type TrainOut } from './look-ahead';
import { initMetaParams, metaFeatures, metaForward, type MetaParams } from './meta-net';

const TOL = 1e-2;

beforeAll(async () => {
  await startNodeBackend('wasm');
});

function rnd(rng: Rng, shape: number[], std = 1) {
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(rng.truncatedNormal(n, std), shape);
}

function relErr(a: TensorMap, b: TensorMap) {
  return tf.tidy(() => {
    let num = 0, den = 0;
    for (const k of Object.keys(b)) {
      num += tf.sum(tf.square(tf.sub(a[k], b[k]))).arraySync() as number;
      den += tf.sum(tf.square(b[k])).arraySync() as number;
    }
    return Math.sqrt(num / den);
  });
}

const correct = correctness;

interface Case {
  problem: BilevelProblem;
  w: TensorMap;
  /** The case's fixed tensors (inputs, labels, targets), disposed with it. */
  data: tf.Tensor[];
}

function oneHot(labels: number[], classes: number): tf.Tensor2D {
  return tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), classes).toFloat() as tf.Tensor2D);
}

/** MLP student with a KD hint on the logits and a feature hint on the hidden layer. */
function mlpCase(rng: Rng): Case {
  const B = 16, D = 6, H = 12, C = 4;
  const x = rnd(rng, [B, D]);
  const xm = rnd(rng, [B, D]);
  const y = oneHot(Array.from({ length: B }, (_, i) => i % C), C);
  const ym = oneHot(Array.from({ length: B }, (_, i) => (i * 3) % C), C);
  const zt = rnd(rng, [B, C], 2) as tf.Tensor2D;
  const ht = rnd(rng, [B, H], 0.5);
  const w = { w1: rnd(rng, [D, H], 0.5), b1: tf.zeros([H]), w2: rnd(rng, [H, C], 0.5), b2: tf.zeros([C]) };
  const fwd = (p: TensorMap, input: tf.Tensor) => {
    const h = tf.tanh(tf.add(tf.matMul(input as tf.Tensor2D, p.w1 as tf.Tensor2D), p.b1));
    return { h, z: tf.add(tf.matMul(h, p.w2 as tf.Tensor2D), p.b2) as tf.Tensor2D };
  };
  return {
    w,
    data: [x, xm, y, ym, zt, ht],
    problem: {
      trainLosses: (p) => {
        const { h, z } = fwd(p, x);
        const fit = tf.mean(tf.squaredDifference(h, ht), 1);
        return { losses: tf.stack([ceLoss(z, y), kdLoss(z, zt, 2), fit], 1) as tf.Tensor2D, correct: correct(z, y) };
      },
      metaLoss: (p) => tf.mean(ceLoss(fwd(p, xm).z, ym)) as tf.Scalar,
    },
  };
}

/** Small CNN student with the im2col convolution and a reshape+max pool (both twice differentiable). */
function cnnCase(rng: Rng): Case {
  const B = 8, S = 6, C = 3;
  const x = rnd(rng, [B, S, S, 1]);
  const xm = rnd(rng, [B, S, S, 1]);
  const y = oneHot(Array.from({ length: B }, (_, i) => i % C), C);
  const ym = oneHot(Array.from({ length: B }, (_, i) => (i + 1) % C), C);
  const zt = rnd(rng, [B, C], 2) as tf.Tensor2D;
  const ft = rnd(rng, [B, S / 2, S / 2, 4], 0.5);
  const w = { k1: rnd(rng, [3, 3, 1, 4], 0.5), wd: rnd(rng, [(S / 2) * (S / 2) * 4, C], 0.3), bd: tf.zeros([C]) };
  const fwd = (p: TensorMap, input: tf.Tensor) => {
    const f = maxPool2x2(tf.tanh(conv2d(input as tf.Tensor4D, p.k1 as tf.Tensor4D, 'im2col')), 'im2col');
    const z = tf.add(tf.matMul(tf.reshape(f, [input.shape[0], -1]) as tf.Tensor2D, p.wd as tf.Tensor2D), p.bd) as tf.Tensor2D;
    return { f, z };
  };
  return {
    w,
    data: [x, xm, y, ym, zt, ft],
    problem: {
      trainLosses: (p) => {
        const { f, z } = fwd(p, x);
        const losses = tf.stack([ceLoss(z, y), kdLoss(z, zt, 4), tf.mean(tf.squaredDifference(f, ft), [1, 2, 3])], 1) as tf.Tensor2D;
        return { losses, correct: correct(z, y) };
      },
      metaLoss: (p) => tf.mean(ceLoss(fwd(p, xm).z, ym)) as tf.Scalar,
    },
  };
}

function check(makeCase: (rng: Rng) => Case, seed: number) {
  const rng = Rng.fromSeed(seed);
  const { problem, w, data } = makeCase(rng);
  const theta = initMetaParams(4, 2, rng) as unknown as TensorMap;
  // Give the output layer some size so v actually varies with Θ.
  theta.w2.dispose();
  theta.w2 = rnd(rng, [100, 2], 0.2);
  const c: Coefficients = { alpha: 0.5, gamma: 1, betas: [0.9, 2] };
  // Inputs: the losses and whether the student is right (a non-differentiable input).
  const vOf = (th: TensorMap, atW: TrainOut) =>
    metaForward(th as unknown as MetaParams, metaFeatures(['losses', 'studentCorrect'], { losses: atW.losses, progress: 0, teacherConf: tf.zeros([1]), studentCorrect: atW.correct }));

  const exact = exactMetaGradient(problem, w, theta, vOf, c);
  const la = lookAhead(problem, w, (atW) => vOf(theta, atW), c);
  const fd = surrogateGrads(theta, (th) => vOf(th, la.atW), la.G, c);
  const errExact = relErr(fd, exact);

  // Central difference of the bilevel objective along the (normalised) exact gradient.
  const gnorm = tf.tidy(() => Math.sqrt(Object.values(exact).reduce((s, g) => s + (tf.sum(tf.square(g)).arraySync() as number), 0)));
  const h = 0.01;
  const shifted = (sign: number) =>
    tf.tidy(() => {
      const th: TensorMap = {};
      for (const k of Object.keys(theta)) th[k] = tf.add(theta[k], tf.mul(exact[k], (sign * h) / gnorm));
      return bilevelObjective(problem, w, th, vOf, c).arraySync() as number;
    });
  const central = (shifted(1) - shifted(-1)) / (2 * h);
  const fdDirectional = tf.tidy(() => Object.keys(fd).reduce((s, k) => s + (tf.sum(tf.mul(fd[k], exact[k])).arraySync() as number), 0)) / gnorm;
  tf.dispose([data, w, theta, exact, fd, la as unknown as tf.TensorContainer]);
  return { errExact, central, fdDirectional, gnorm };
}

describe('first-order meta-gradient', () => {
  for (const [name, make] of [['MLP', mlpCase], ['im2col CNN', cnnCase]] as const) {
    it(`matches nested tf.grads and a central difference of the bilevel objective (${name})`, () => {
      const before = tf.memory().numTensors;
      for (const seed of [1, 2]) {
        const r = check(make, seed);
        expect(r.gnorm).toBeGreaterThan(1e-4); // a vanishing gradient would make the check vacuous
        expect(r.errExact).toBeLessThanOrEqual(TOL);
        expect(Math.abs(r.fdDirectional - r.central) / Math.abs(r.central)).toBeLessThanOrEqual(TOL);
      }
      // The case's tensors are disposed: whatever is left was leaked by the meta-gradient code.
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('raises v where the hint gradient agrees with the meta gradient (sign of G)', () => {
    // S(Θ) = −(α/n)Σβ·G·v, so a small descent step on Θ changes v by +η(αβG/n)‖∂v/∂Θ‖²:
    // up when G > 0, down when G < 0.
    const rng = Rng.fromSeed(5);
    const theta = initMetaParams(1, 1, rng) as unknown as TensorMap;
    const u = tf.tensor2d([[0.5]]);
    const vOf = (th: TensorMap) => metaForward(th as unknown as MetaParams, u);
    for (const sign of [1, -1]) {
      const g = surrogateGrads(theta, vOf, tf.tensor2d([[sign]]), { alpha: 1, gamma: 1, betas: [1] });
      const step: TensorMap = {};
      for (const k of Object.keys(theta)) step[k] = tf.sub(theta[k], tf.mul(g[k], 0.1));
      const dv = (tf.sub(vOf(step), vOf(theta)).arraySync() as number[][])[0][0];
      expect(Math.sign(dv)).toBe(sign);
    }
  });
});
