import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeBackend } from '../../node/backend';
import { Rng } from '../random';
import { createVariables, initArrays } from './init';
import { BN_MOMENTUM, applyBnUpdates, softmaxCrossEntropy } from './layers';
import { PRESETS, getPreset } from './presets';
import { fitnetRegressor, fitnetRegressorSpec } from './regressor';
import { randn } from './test-util';
import type { Network } from './network';

function disposeVars(v: { params: Record<string, tf.Variable>; state: Record<string, tf.Variable> }) {
  tf.dispose([...Object.values(v.params), ...Object.values(v.state)]);
}

describe.each(['wasm', 'cpu'] as const)('networks on %s', (backend) => {
  beforeAll(async () => {
    expect((await startNodeBackend(backend)).name).toBe(backend);
  });

  const shapes = [
    { inputShape: [28, 28, 1] as [number, number, number], numClasses: 10 },
    { inputShape: [32, 32, 3] as [number, number, number], numClasses: 100 },
  ];
  for (const p of PRESETS)
    for (const s of shapes)
      for (const role of ['teacher', 'student'] as const) {
        it(`${p.id} ${role} ${s.inputShape.join('x')}/${s.numClasses}: logits, hint shapes, param count, no leaks`, async () => {
          const net: Network = p[role](s);
          const v = createVariables(net.spec, Rng.fromSeed(1));
          const count = Object.values(v.params).reduce((a, t) => a + t.size, 0);
          expect(net.spec.paramCount).toBe(count);
          expect(net.spec.macsPerInstance).toBeGreaterThan(0);
          const x = randn([2, ...s.inputShape], 2) as tf.Tensor4D;
          const y = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 1], 'int32'), s.numClasses).toFloat()) as tf.Tensor2D;
          const before = tf.memory().numTensors;
          for (const mode of ['train', 'eval'] as const) {
            tf.tidy(() => {
              const out = net.forward(v.params, v.state, x, mode);
              expect(out.logits.shape).toEqual([2, s.numClasses]);
              for (const h of net.spec.hintLayers) expect(out.features[h.name].shape, h.name).toEqual([2, ...h.shape]);
              expect(out.bnUpdates.length).toBe(mode === 'train' ? net.spec.state.length / 2 : 0);
            });
          }
          // A tidy'd forward + backward leaves nothing behind.
          tf.tidy(() => {
            const { grads } = tf.variableGrads(() => tf.mean(softmaxCrossEntropy(net.forward(v.params, v.state, x, 'train').logits, y)) as tf.Scalar, Object.values(v.params));
            expect(Object.keys(grads).length).toBe(Object.keys(v.params).length);
          });
          expect(tf.memory().numTensors).toBe(before);
          // Hint pairs name existing layers of equal spatial size.
          const other = p[role === 'teacher' ? 'student' : 'teacher'](s);
          for (const hp of [...p.hintPairs, p.fitnetPair]) {
            const mine = net.spec.hintLayers.find((h) => h.name === hp[role]);
            const theirs = other.spec.hintLayers.find((h) => h.name === hp[role === 'teacher' ? 'student' : 'teacher']);
            expect(mine && theirs).toBeTruthy();
            expect(mine!.shape.slice(0, 2)).toEqual(theirs!.shape.slice(0, 2));
          }
          tf.dispose([x, y]);
          disposeVars(v);
        });
      }

  it('batch norm: train mode returns batch statistics without touching state; a real step mixes them in; eval uses running stats', async () => {
    const net = getPreset('cnn').student();
    const v = createVariables(net.spec, Rng.fromSeed(3));
    const x = randn([4, 28, 28, 1], 4, 3) as tf.Tensor4D;
    const stateBefore = await Promise.all(Object.values(v.state).map((t) => t.data()));
    const { stats, logitsTrain } = tf.tidy(() => {
      const out = net.forward(v.params, v.state, x, 'train');
      return { stats: out.bnUpdates.flatMap((u) => [tf.keep(u.batchMean), tf.keep(u.batchVar)]), logitsTrain: out.logits };
    });
    const stateAfter = await Promise.all(Object.values(v.state).map((t) => t.data()));
    expect(stateAfter).toEqual(stateBefore);
    // The first layer's batch statistics are those of its conv output.
    const first = tf.tidy(() => {
      const { mean, variance } = tf.moments(tf.conv2d(x, v.params['s1.c1.w'] as tf.Tensor4D, 1, 'same'), [0, 1, 2]);
      return [mean, variance];
    });
    const maxAbs = async (a: tf.Tensor, b: tf.Tensor) => Math.max(...Array.from(await tf.tidy(() => tf.abs(tf.sub(a, b))).data()));
    expect(await maxAbs(stats[0], first[0])).toBeLessThan(1e-5);
    expect(await maxAbs(stats[1], first[1])).toBeLessThan(1e-4);
    // Eval with fresh stats differs from train mode.
    const e1 = tf.tidy(() => net.forward(v.params, v.state, x, 'eval').logits);
    expect(await maxAbs(e1, logitsTrain)).toBeGreaterThan(1e-3);
    // A real step: fresh state (mean 0, var 1) becomes m·batch mean and (1−m) + m·unbiased var.
    tf.tidy(() => applyBnUpdates(v.state, net.forward(v.params, v.state, x, 'train').bnUpdates));
    const n = 4 * 28 * 28;
    const m = BN_MOMENTUM;
    const want = tf.tidy(() => [tf.mul(first[0], m), tf.add(1 - m, tf.mul(first[1], (m * n) / (n - 1)))]);
    expect(await maxAbs(v.state['s1.c1.bn.mean'], want[0])).toBeLessThan(1e-5);
    expect(await maxAbs(v.state['s1.c1.bn.var'], want[1])).toBeLessThan(1e-4);
    const e2 = tf.tidy(() => net.forward(v.params, v.state, x, 'eval').logits);
    expect(await maxAbs(e1, e2)).toBeGreaterThan(1e-4);
    tf.dispose([x, ...stats, logitsTrain, ...first, ...want, e1, e2]);
    disposeVars(v);
  });

  it('fast and native/im2col network forwards and gradients agree', async () => {
    const net = getPreset('resnet').student({ inputShape: [8, 8, 2], numClasses: 5 });
    const v = createVariables(net.spec, Rng.fromSeed(5));
    const x = randn([3, 8, 8, 2], 6) as tf.Tensor4D;
    const y = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 1, 4], 'int32'), 5).toFloat()) as tf.Tensor2D;
    const run = (impl: 'fast' | 'im2col') =>
      tf.tidy(() => {
        const f = () => tf.mean(softmaxCrossEntropy(net.forward(v.params, v.state, x, 'train', { impl }).logits, y)) as tf.Scalar;
        const { value, grads } = tf.variableGrads(f, Object.values(v.params));
        return [value, ...Object.keys(v.params).map((n) => grads[v.params[n].name])];
      });
    const a = run('fast');
    const b = run('im2col');
    for (let i = 0; i < a.length; i++) {
      const err = tf.tidy(() => tf.div(tf.max(tf.abs(tf.sub(a[i], b[i]))), tf.add(tf.max(tf.abs(b[i])), 1e-6)).dataSync()[0]);
      expect(err, `tensor ${i}`).toBeLessThan(1e-3);
    }
    tf.dispose([x, y, ...a, ...b]);
    disposeVars(v);
  });

  it("FitNet regressor maps student hint channels to the teacher's, params prefixed reg.", async () => {
    const p = getPreset('cnn');
    const t = p.teacher().spec.hintLayers.find((h) => h.name === p.fitnetPair.teacher)!;
    const s = p.student().spec.hintLayers.find((h) => h.name === p.fitnetPair.student)!;
    const spec = fitnetRegressorSpec(s.shape[2], t.shape[2]);
    expect(spec.params.every((q) => q.name.startsWith('reg.'))).toBe(true);
    const v = createVariables(spec, Rng.fromSeed(1));
    const f = randn([2, ...s.shape], 3) as tf.Tensor4D;
    tf.tidy(() => {
      const r = fitnetRegressor(spec, v.params, v.state, f, 'train');
      expect(r.out.shape).toEqual([2, ...t.shape]);
      expect(r.bnUpdates.length).toBe(1);
    });
    f.dispose();
    disposeVars(v);
  });
});

describe('init', () => {
  it('same seed gives identical initial params; another seed does not', () => {
    const spec = getPreset('cnn').teacher().spec;
    const a = initArrays(spec, Rng.fromSeed(42));
    const b = initArrays(spec, Rng.fromSeed(42));
    const c = initArrays(spec, Rng.fromSeed(43));
    expect(a).toEqual(b);
    expect(a.params['s1.c1.w']).not.toEqual(c.params['s1.c1.w']);
    expect(Array.from(a.params['s1.c1.bn.gamma'])).toEqual(new Array(16).fill(1));
    expect(Array.from(a.state['s1.c1.bn.var'])).toEqual(new Array(16).fill(1));
  });
});
