// The batch normalisation of the meta-weights (HKD.md §3) and its gradient.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeBackend } from '../../node/backend';
import { Rng } from '../random';
import { initMetaParams, metaForward, normaliseWeights, type MetaParams } from './meta-net';

beforeAll(async () => {
  await startNodeBackend('wasm');
});

const raw = () => tf.tensor2d([[0.5, 1.5, 1.9], [0.2, 1.0, 1.0], [1.8, 0.4, 0.6], [1.1, 1.1, 0.3]]);

describe('meta-weight normalisation', () => {
  it('joint fixes the total at n·K, per-hint each column mean at 1, none changes nothing', async () => {
    const v = raw();
    const joint = normaliseWeights(v, 'joint');
    expect((await tf.sum(joint).data())[0]).toBeCloseTo(12, 4);
    // Relative weights between instances and hints are kept.
    const r = await joint.data();
    expect(r[1] / r[0]).toBeCloseTo(3, 4);
    for (const m of await tf.mean(normaliseWeights(v, 'per-hint'), 0).data()) expect(m).toBeCloseTo(1, 5);
    expect(Array.from(await normaliseWeights(v, 'none').data())).toEqual(Array.from(await v.data()));
  });

  it('passes the gradient through: under joint, scaling every output up is no direction at all', async () => {
    const theta = initMetaParams(2, 3, Rng.fromSeed(3)) as unknown as Record<string, tf.Variable>;
    theta.w2.assign(tf.tensor2d(Rng.fromSeed(4).truncatedNormal(300, 0.3), [100, 3]));
    const u = tf.tensor2d(Rng.fromSeed(5).truncatedNormal(8 * 2, 1), [8, 2]);
    const names = Object.keys(theta);
    const grads = (f: (v: tf.Tensor2D) => tf.Scalar) =>
      tf.grads((...ps: tf.Tensor[]) => f(metaForward(Object.fromEntries(names.map((n, i) => [n, ps[i]])) as unknown as MetaParams, u)))(names.map((n) => theta[n]));
    const norm = async (gs: tf.Tensor[]) => Math.sqrt(gs.reduce((s, g) => s + tf.sum(tf.square(g)).dataSync()[0], 0));
    // Σ v after the joint normalisation is constant: its gradient vanishes; before, it does not.
    expect(await norm(grads((v) => tf.sum(normaliseWeights(v, 'joint')) as tf.Scalar))).toBeLessThan(1e-5);
    expect(await norm(grads((v) => tf.sum(v) as tf.Scalar))).toBeGreaterThan(1e-2);
    // A weighted sum still has a gradient (weight can move between instances and hints).
    const c = tf.tensor2d(Rng.fromSeed(6).truncatedNormal(24, 1), [8, 3]);
    expect(await norm(grads((v) => tf.sum(tf.mul(c, normaliseWeights(v, 'joint'))) as tf.Scalar))).toBeGreaterThan(1e-3);
  });
});
