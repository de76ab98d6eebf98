import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { startNodeBackend } from '../../node/backend';
import type { Dataset } from '../../core/data/dataset';
import { Rng } from '../../core/random';
import { TeacherPhaseRun } from './teacher-phase';

const serialize = vi.hoisted(() => ({ fail: false }));
vi.mock('../../core/nn/serialize', async (original) => {
  const mod = await original<typeof import('../../core/nn/serialize')>();
  return {
    ...mod,
    serializeTensors: (...args: Parameters<typeof mod.serializeTensors>) => (serialize.fail ? Promise.reject(new Error('out of memory')) : mod.serializeTensors(...args)),
  };
});

beforeAll(async () => {
  await startNodeBackend('cpu');
});

function dataset(): Dataset {
  const rng = Rng.fromSeed(2);
  const split = (count: number) => ({ images: Uint8Array.from({ length: count * 16 * 16 * 3 }, () => rng.int(0, 255)), labels: Uint8Array.from({ length: count }, (_, i) => i % 2), count });
  return { name: 'Tiny', height: 16, width: 16, channels: 3, classNames: ['a', 'b'], train: split(8), test: split(4), source: '', license: '' };
}

/** A run and the number of tensors its trainer holds (weights, BN state, momentum buffers). */
function phaseRun() {
  const run = new TeacherPhaseRun('cnn', dataset(), 1, 2, 4);
  const { params, state } = (run as unknown as { trainer: { variables(): { params: object; state: object } } }).trainer.variables();
  return { run, held: 2 * Object.keys(params).length + Object.keys(state).length };
}

// Counted from after construction: MomentumSgd's constructor leaves one zerosLike per parameter
// (core/optim/sgd.ts), which is not this class's to free.
describe('TeacherPhaseRun.finish', () => {
  it('hands over fresh teacher tensors and frees the trainer', async () => {
    serialize.fail = false;
    const { run, held } = phaseRun();
    const before = tf.memory().numTensors;
    const { teacher, bytes } = await run.finish(0.5);
    expect(bytes.length).toBeGreaterThan(0);
    const kept = [...Object.values(teacher.params), ...Object.values(teacher.state)];
    expect(tf.memory().numTensors).toBe(before - held + kept.length);
    tf.dispose(kept);
  });

  it('frees the copies and the trainer when the weights file cannot be made', async () => {
    serialize.fail = true;
    const { run, held } = phaseRun();
    const before = tf.memory().numTensors;
    await expect(run.finish(0.5)).rejects.toThrow('out of memory');
    expect(tf.memory().numTensors).toBe(before - held);
    run.dispose();
  });
});
