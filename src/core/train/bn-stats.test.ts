// Precise batch-norm statistics (HKD.md §7): evaluations measure the weights, not the last batches.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeBackend } from '../../node/backend';
import type { Dataset } from '../data/dataset';
import { createVariables } from '../nn/init';
import { applyBnUpdates } from '../nn/layers';
import { getPreset } from '../nn/presets';
import { serializeTensors } from '../nn/serialize';
import { teacherFromWeights } from '../nn/teachers';
import { Rng } from '../random';
import { bnStatsIndices, preciseBnState } from './bn-stats';
import { defaultConfig } from './config';
import { randomTeacher, smallEmbedded } from './fixtures.test-util';
import { TeacherTrainer } from './teacher-trainer';
import { Trainer } from './trainer';

let data: Dataset;

beforeAll(async () => {
  await startNodeBackend('wasm');
  data = await smallEmbedded(1200, 300);
});

describe('precise batch-norm statistics', () => {
  it("pools every chunk: the first layer's statistics are those of its conv output over all the images", async () => {
    const net = getPreset('cnn').student();
    const v = createVariables(net.spec, Rng.fromSeed(1));
    const idx = bnStatsIndices(data.train, 10, 600); // more than one chunk of 250
    const norm = (i: Int32Array) => Float32Array.from(Array.from(i).flatMap((k) => Array.from(data.train.images.subarray(k * 784, (k + 1) * 784), (p) => p / 255)));
    const fresh = preciseBnState(net, v.params, v.state, idx, norm);
    const want = tf.tidy(() => {
      const h = tf.conv2d(tf.tensor4d(norm(idx), [idx.length, 28, 28, 1]), v.params['s1.c1.w'] as tf.Tensor4D, 1, 'same');
      const { mean, variance } = tf.moments(h, [0, 1, 2]);
      const n = idx.length * 784;
      return [mean, tf.mul(variance, n / (n - 1))];
    });
    const gap = async (a: tf.Tensor, b: tf.Tensor) => Math.max(...Array.from(await tf.tidy(() => tf.abs(tf.sub(a, b))).data()));
    expect(await gap(fresh['s1.c1.bn.mean'], want[0])).toBeLessThan(1e-4);
    expect(await gap(fresh['s1.c1.bn.var'], want[1])).toBeLessThan(1e-3);
    expect(Object.keys(fresh).sort()).toEqual(Object.keys(v.state).sort());
    tf.dispose([...Object.values(fresh), ...want, ...Object.values(v.params), ...Object.values(v.state)]);
  });

  it('evaluating the same weights after different recent batches gives the same test accuracy (< 0.5 points)', async () => {
    const config = defaultConfig({ cold: { method: 'kd', batchSize: 16, valSize: 200, bnStatsSize: 300, evalEvery: 0 } });
    const run = (bnStatsSize: number) => Trainer.create({ config: { ...config, cold: { ...config.cold, bnStatsSize } }, dataset: data, teacher: randomTeacher() });
    const gaps: number[] = [];
    for (const size of [300, 0]) {
      const a = await run(size);
      for (let i = 0; i < 30; i++) await a.step();
      const b = await run(size);
      b.restore(await a.checkpoint());
      // b's running statistics move on with other batches (as recent steps would); its weights do not.
      const { params, state } = b.studentVariables();
      for (let j = 0; j < 5; j++) {
        tf.tidy(() => {
          const x = tf.tensor4d(b.normalise(data.train, Int32Array.from({ length: 16 }, (_, i) => 16 * j + i)), [16, 28, 28, 1]);
          applyBnUpdates(state, b.student.forward(params, state, tf.mul(x, 1.5 + j) as tf.Tensor4D, 'train').bnUpdates, 0.5);
        });
      }
      gaps.push(Math.abs((await a.evaluate()).testAcc - (await b.evaluate()).testAcc));
      a.dispose();
      b.dispose();
    }
    console.log(`test accuracy gap after different recent batches: ${(100 * gaps[0]).toFixed(2)} points with fresh statistics, ${(100 * gaps[1]).toFixed(2)} with running averages`);
    expect(gaps[0]).toBeLessThan(0.005);
    expect(gaps[1]).toBeGreaterThan(gaps[0]); // the setting matters: the running averages did move
  });

  it('teachers and students evaluate the same way: a teacher trainer and a student trainer measure one teacher alike', async () => {
    const network = getPreset('cnn').teacher();
    const tt = new TeacherTrainer({ network, dataset: data, seed: 2, totalSteps: 12, batchSize: 32, valSize: 200, bnStatsSize: 300 });
    for (let i = 0; i < 12; i++) await tt.step();
    const own = await tt.evaluate();
    const { params, state } = tt.variables();
    const teacher = teacherFromWeights(await serializeTensors(network.spec.id, params, state, {}), network);
    const st = await Trainer.create({ config: defaultConfig({ cold: { method: 'kd', valSize: 200, bnStatsSize: 300 } }), dataset: data, teacher });
    expect(st.teacherAccuracy).toBe(own.accuracy);
    st.dispose();
    tt.dispose();
    tf.dispose([...Object.values(teacher.params), ...Object.values(teacher.state)]);
  });
});

