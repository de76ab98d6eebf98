import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeBackend } from '../../node/backend';
import { conv2d, im2colConv } from './conv';
import { maxPool2x2Reshape, maxPool2x2 } from './pool';
import { fastBatchNormTrain, fastMatMul, fastMaxPool2x2, sumToChannels } from './fast-ops';
import { randn, relErr } from './test-util';
import type { ConvImpl } from './network';

// float32 sums of ~100 terms in different orders: 1e-4 relative to the tensor's largest value.
const TOL = 1e-4;

async function convAndGrads(x: tf.Tensor4D, w: tf.Tensor4D, dy: tf.Tensor4D, impl: ConvImpl) {
  return tf.tidy(() => {
    const y = conv2d(x, w, impl);
    const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => conv2d(a as tf.Tensor4D, b as tf.Tensor4D, impl))([x, w], dy);
    return [y, dx, dw];
  });
}

describe.each(['cpu', 'wasm'] as const)('conv variants on %s', (backend) => {
  beforeAll(async () => {
    const b = await startNodeBackend(backend);
    expect(b.name).toBe(backend);
  });

  // One input channel is the first layer on grey images; batch > 1 catches layout mistakes
  // that a batch of one hides.
  for (const [k, cin] of [[3, 4], [1, 4], [3, 1], [1, 1]]) {
    it(`${k}x${k}, ${cin} input channel(s): native, fast and im2col agree (forward, dX, dW)`, async () => {
      const before = tf.memory().numTensors;
      const x = randn([3, 6, 5, cin], 1) as tf.Tensor4D;
      const w = randn([k, k, cin, 7], 2, 0.3) as tf.Tensor4D;
      const dy = randn([3, 6, 5, 7], 3) as tf.Tensor4D;
      const ref = await convAndGrads(x, w, dy, 'im2col');
      // wasm has no Conv2DBackpropFilter, so native can only be checked end to end on cpu.
      const impls: ConvImpl[] = backend === 'wasm' ? ['fast', 'auto'] : ['fast', 'native', 'auto'];
      for (const impl of impls) {
        const got = await convAndGrads(x, w, dy, impl);
        for (let i = 0; i < 3; i++) expect(await relErr(got[i], ref[i]), `${impl} output ${i}`).toBeLessThan(TOL);
        tf.dispose(got);
      }
      if (backend === 'wasm') {
        const y = tf.tidy(() => conv2d(x, w, 'native'));
        expect(await relErr(y, ref[0])).toBeLessThan(TOL);
        y.dispose();
      }
      tf.dispose([x, w, dy, ...ref]);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  // Hessian-vector products by nested tf.grads against central differences of the gradient:
  // g(w) = <∇f(w), v>, ∇g·u ≈ (g(w+εu) − g(w−εu)) / 2ε.
  async function hvpCheck(f: (w: tf.Tensor) => tf.Scalar, w: tf.Tensor, eps: number): Promise<number> {
    const v = randn(w.shape, 6);
    const u = randn(w.shape, 7);
    const g = (ww: tf.Tensor) => tf.sum(tf.mul(tf.grad(f)(ww), v));
    const hvp = tf.tidy(() => tf.sum(tf.mul(tf.grad(g)(w), u)));
    const fd = tf.tidy(() => tf.div(tf.sub(g(tf.add(w, tf.mul(u, eps))), g(tf.sub(w, tf.mul(u, eps)))), 2 * eps));
    const [a, b] = [(await hvp.data())[0], (await fd.data())[0]];
    tf.dispose([v, u, hvp, fd]);
    return Math.abs(a - b) / Math.max(Math.abs(b), 1e-3);
  }

  it('nested tf.grads through the im2col conv (second order) matches finite differences', async () => {
    const x = randn([2, 4, 4, 2], 4) as tf.Tensor4D;
    const w = randn([3, 3, 2, 3], 5, 0.5);
    // Smooth: conv → softplus → conv → softplus (not tanh/sigmoid: see second-order.ts).
    const w2 = randn([1, 1, 3, 2], 8, 0.5) as tf.Tensor4D;
    const smooth = (ww: tf.Tensor) => tf.sum(tf.square(tf.softplus(im2colConv(tf.softplus(im2colConv(x, ww as tf.Tensor4D)), w2)))) as tf.Scalar;
    expect(await hvpCheck(smooth, w, 2e-3)).toBeLessThan(1e-2);
    // Through the reshape max pool and relu (piecewise quadratic: a small ε avoids crossing kinks).
    const pooled = (ww: tf.Tensor) => tf.sum(tf.square(maxPool2x2Reshape(tf.relu(im2colConv(x, ww as tf.Tensor4D))))) as tf.Scalar;
    expect(await hvpCheck(pooled, w, 1e-3)).toBeLessThan(2e-2);
    tf.dispose([x, w, w2]);
  });

  it('reshape and fast max pools match tf.maxPool forward and a JS reference gradient', async () => {
    const x = randn([2, 6, 4, 3], 8) as tf.Tensor4D; // continuous values: no ties
    const dy = randn([2, 3, 2, 3], 9) as tf.Tensor4D;
    // Reference gradient in plain JS: dy goes to each window's argmax. (wasm's own MaxPoolGrad
    // kernel drops some of them in tfjs 4.22: it gets 3 of 144 entries wrong on this input.)
    const xs = await x.data();
    const dys = await dy.data();
    const ref = new Float32Array(xs.length);
    const [B, H, W, C] = x.shape;
    const at = (b: number, h: number, w: number, c: number) => ((b * H + h) * W + w) * C + c;
    for (let b = 0; b < B; b++)
      for (let h = 0; h < H / 2; h++)
        for (let w = 0; w < W / 2; w++)
          for (let c = 0; c < C; c++) {
            let best = at(b, 2 * h, 2 * w, c);
            for (const [i, j] of [[0, 1], [1, 0], [1, 1]]) if (xs[at(b, 2 * h + i, 2 * w + j, c)] > xs[best]) best = at(b, 2 * h + i, 2 * w + j, c);
            ref[best] += dys[((b * (H / 2) + h) * (W / 2) + w) * C + c];
          }
    const refGrad = tf.tensor(ref, x.shape);
    const refY = tf.maxPool(x, 2, 2, 'valid');
    const pools = { reshape: maxPool2x2Reshape, fast: fastMaxPool2x2, auto: (a: tf.Tensor4D) => maxPool2x2(a, 'auto') };
    for (const [name, pool] of Object.entries(pools)) {
      const got = tf.tidy(() => [pool(x), tf.grad((a: tf.Tensor) => pool(a as tf.Tensor4D))(x, dy)]);
      // b + relu(a − b) may round in the last bit; the others are exact.
      expect(await relErr(got[0], refY), name).toBeLessThan(1e-6);
      expect(await relErr(got[1], refGrad), name).toBeLessThan(1e-6);
      tf.dispose(got);
    }
    tf.dispose([x, dy, refGrad, refY]);
  });

  it('fastMatMul and sumToChannels match tf.matMul and tf.sum', async () => {
    const a = randn([5, 7], 10) as tf.Tensor2D;
    const b = randn([7, 3], 11) as tf.Tensor2D;
    const dy = randn([5, 3], 12) as tf.Tensor2D;
    const ref = tf.tidy(() => tf.grads((p: tf.Tensor, q: tf.Tensor) => tf.matMul(p as tf.Tensor2D, q as tf.Tensor2D))([a, b], dy));
    const got = tf.tidy(() => tf.grads((p: tf.Tensor, q: tf.Tensor) => fastMatMul(p as tf.Tensor2D, q as tf.Tensor2D))([a, b], dy));
    for (let i = 0; i < 2; i++) expect(await relErr(got[i], ref[i])).toBeLessThan(TOL);
    const x = randn([3, 5, 4, 6], 13);
    const s = tf.tidy(() => [sumToChannels(x), tf.sum(x, [0, 1, 2])]);
    expect(await relErr(s[0], s[1])).toBeLessThan(TOL);
    tf.dispose([a, b, dy, x, ...ref, ...got, ...s]);
  });

  it('fast batch norm (+relu) matches the autodiff composite in value and gradients', async () => {
    const x = randn([4, 3, 5, 6], 14, 2);
    const gamma = randn([6], 15) as tf.Tensor1D;
    const beta = randn([6], 16) as tf.Tensor1D;
    const dy = randn([4, 3, 5, 6], 17);
    for (const relu of [false, true]) {
      const composite = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
        const m = tf.mean(a, [0, 1, 2]);
        const c = tf.sub(a, m);
        const y = tf.add(tf.mul(tf.mul(c, tf.rsqrt(tf.add(tf.mean(tf.square(c), [0, 1, 2]), 1e-5))), g), b);
        return relu ? tf.relu(y) : y;
      };
      const fast = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => fastBatchNormTrain(a, g as tf.Tensor1D, b as tf.Tensor1D, 1e-5, relu).y;
      const ref = tf.tidy(() => [composite(x, gamma, beta), ...tf.grads(composite)([x, gamma, beta], dy)]);
      const got = tf.tidy(() => [fast(x, gamma, beta), ...tf.grads(fast)([x, gamma, beta], dy)]);
      for (let i = 0; i < 4; i++) expect(await relErr(got[i], ref[i]), `relu=${relu} output ${i}`).toBeLessThan(TOL);
      tf.dispose([...ref, ...got]);
    }
    tf.dispose([x, gamma, beta, dy]);
  });
});

