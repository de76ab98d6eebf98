import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeBackend } from '../../node/backend';
import { InstanceEnsemble, ParamEma } from './ensemble';

beforeAll(async () => {
  await startNodeBackend('wasm');
});

describe('InstanceEnsemble', () => {
  it('follows M_i ← μM_i + (1−μ)v_i, ṽ_i = M_i/(1−μ^{c_i}), per instance', async () => {
    const mu = 0.6;
    const ens = new InstanceEnsemble(5, 2);
    const visits = [
      { idx: [0, 3], v: [[1.2, 0.4], [0.9, 1.1]] },
      { idx: [3, 1], v: [[1.5, 0.5], [1.0, 1.0]] },
      { idx: [3, 0], v: [[0.3, 1.9], [0.8, 0.6]] },
    ];
    const ref = new Map<number, { m: number[]; c: number }>();
    for (const { idx, v } of visits) {
      const indices = tf.tensor1d(idx, 'int32');
      const { vt, m, d } = ens.ensembled(tf.tensor2d(v) as tf.Tensor2D, indices, mu);
      const got = (await vt.array()) as number[][];
      ens.commit(indices, m, d, 0);
      idx.forEach((i, r) => {
        const prev = ref.get(i) ?? { m: [0, 0], c: 0 };
        const next = { m: prev.m.map((x, k) => mu * x + (1 - mu) * v[r][k]), c: prev.c + 1 };
        ref.set(i, next);
        const want = next.m.map((x) => x / (1 - mu ** next.c));
        want.forEach((w, k) => expect(got[r][k]).toBeCloseTo(w, 5));
      });
    }
    // The first visit returns v itself (bias correction).
    const fresh = await ens.ensembled(tf.tensor2d([[0.7, 1.3]]), tf.tensor1d([4], 'int32'), mu).vt.array();
    expect(fresh[0][0]).toBeCloseTo(0.7, 6);
    expect(fresh[0][1]).toBeCloseTo(1.3, 6);
    // Visits are counted; untouched rows stay zero.
    expect(Array.from(await ens.visits.data())).toEqual([2, 1, 0, 3, 0]);
  });

  it('peeks the stored ṽ for visited instances and v for new ones', async () => {
    const ens = new InstanceEnsemble(3, 1);
    const idx = tf.tensor1d([1], 'int32');
    const { m, d } = ens.ensembled(tf.tensor2d([[1.4]]), idx, 0.9);
    ens.commit(idx, m, d, 7);
    const got = await ens.peek(tf.tensor2d([[0.2], [0.3]]), tf.tensor1d([1, 2], 'int32')).data();
    expect(got[0]).toBeCloseTo(1.4, 5);
    expect(got[1]).toBeCloseTo(0.3, 6);
    // The step ṽ was taken at, and −1 for an instance never seen.
    expect(Array.from(await ens.updatedAt(tf.tensor1d([1, 2], 'int32')).data())).toEqual([7, -1]);
  });
});

describe('ParamEma', () => {
  it('moves the average by (1−decay) of the gap', async () => {
    const p = { a: tf.variable(tf.tensor1d([0, 10])) };
    const ema = new ParamEma(p, 0.9);
    p.a.assign(tf.tensor1d([1, 0]));
    ema.update(p);
    const got = await ema.params.a.data();
    expect(got[0]).toBeCloseTo(0.1, 6);
    expect(got[1]).toBeCloseTo(9, 5);
  });
});
