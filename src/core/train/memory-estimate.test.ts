// The estimate against an independent measurement: tf.profile's peak over one real training step
// (prepare, then discard) on the cpu backend, on embedded images, for both presets and the
// methods whose steps differ in what they keep alive.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeBackend } from '../../node/backend';
import type { Dataset } from '../data/dataset';
import { defaultConfig, type MethodId } from './config';
import { randomTeacher, smallEmbedded } from './fixtures.test-util';
import { combineEstimates, estimateRunMemory, memoryBudget, memoryProblem } from './memory-estimate';
import { Trainer } from './trainer';

let data: Dataset;
beforeAll(async () => {
  await startNodeBackend('cpu');
  data = await smallEmbedded(256, 100);
});

describe('estimateRunMemory', () => {
  for (const preset of ['cnn', 'resnet']) {
    it(`stays above the measured peak of a real ${preset} step, and within twice it`, async () => {
      const teacher = randomTeacher(preset);
      for (const method of ['ce', 'kd', 'hkd'] as MethodId[]) {
        const config = defaultConfig({ cold: { preset, method, batchSize: 16, metaBatchSize: 16, probeCount: 10, evalSize: 50 } });
        const t = await Trainer.create({ config, dataset: data, teacher });
        const before = tf.memory().numTensors;
        const e = estimateRunMemory(config, data, teacher);
        expect(tf.memory().numTensors).toBe(before); // the estimate leaves nothing behind
        const prof = await tf.profile(async () => (await t.prepare()).discard());
        t.dispose();
        const tensors = e.total - e.dataBytes; // the images are JavaScript bytes, not tensors
        expect(tensors, `${preset} ${method}`).toBeGreaterThanOrEqual(prof.peakBytes);
        expect(tensors, `${preset} ${method}`).toBeLessThanOrEqual(2 * prof.peakBytes);
      }
      tf.dispose([...Object.values(teacher.params), ...Object.values(teacher.state)]);
    }, 300_000);
  }

  it('grows with the batch, and refuses what does not fit with the figure and a batch that does', () => {
    const teacher = randomTeacher('cnn');
    // The controls set the meta batch with the batch.
    const at = (b: number) => estimateRunMemory(defaultConfig({ cold: { method: 'hkd', batchSize: b, metaBatchSize: b } }), data, teacher);
    const small = at(32);
    const big = at(512);
    expect(big.total - small.total).toBeCloseTo(480 * (small.perBatchImage + small.perMetaImage), -3);
    const config = defaultConfig({ cold: { method: 'hkd', batchSize: 512, metaBatchSize: 512 } });
    const budget = small.total + 100 * (small.perBatchImage + small.perMetaImage); // room for about 132 images
    const p = memoryProblem(config, big, budget, 'webgl')!;
    expect(p.message).toMatch(/^This configuration needs about [\d.]+ [MG]B of memory \(a batch of 512 images takes \d+ MB\), more than the webgl backend can safely use here \(about \d+ MB\)\.$/);
    expect(p.advice).toMatch(/\(the meta batch with it\)/);
    const suggested = Number(p.advice.match(/batch size to (\d+) or less/)![1]);
    expect(suggested).toBeGreaterThanOrEqual(100);
    expect(at(suggested).total).toBeLessThanOrEqual(budget);
    expect(at(suggested + 1).total).toBeGreaterThan(budget);
    expect(memoryProblem(config, big, big.total, 'webgl')).toBeNull();
    expect(memoryProblem(config, big, big.dataBytes, 'webgl')!.advice).toMatch(/^Lower the batch and meta batch sizes/);
    // Two compared runs: both sets of weights, one step's activations.
    const both = combineEstimates([small, small]);
    expect(both.total).toBe(small.total + small.fixed - small.dataBytes);
  });

  it('budgets by the backend: wasm stops at its 4 GiB heap; unknown memory counts as 4 GB', () => {
    expect(memoryBudget('webgl', 8)).toBe(4 * 2 ** 30);
    expect(memoryBudget('wasm', 16)).toBe(4 * 2 ** 30 - 2 ** 16);
    expect(memoryBudget('webgpu', undefined)).toBe(2 * 2 ** 30);
    expect(memoryBudget('cpu', Number.NaN)).toBe(2 * 2 ** 30);
  });
});
