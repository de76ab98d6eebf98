import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeBackend } from '../../node/backend';
import type { Dataset } from '../../core/data/dataset';
import { fromExportedFiles } from '../../core/export/export-student';
import { createVariables } from '../../core/nn/init';
import type { Network } from '../../core/nn/network';
import { getPreset } from '../../core/nn/presets';
import { Rng } from '../../core/random';
import type { Trainer } from '../../core/train/trainer';
import { predict, studentFiles } from './exports';

beforeAll(async () => {
  await startNodeBackend('cpu');
});

const [H, W, C] = [16, 16, 3];

function dataset(n = 20): Dataset {
  const rng = Rng.fromSeed(3);
  const split = (count: number) => ({ images: Uint8Array.from({ length: count * H * W * C }, () => rng.int(0, 255)), labels: Uint8Array.from({ length: count }, (_, i) => i % 3), count });
  return { name: 'Test data', height: H, width: W, channels: C, classNames: ['a', 'b', 'c'], train: split(n), test: split(4), source: '', license: '' };
}

/** Not the dataset's statistics: the exports must take the trainer's normalisation, not recompute one. */
const norm = { scale: [0.01, 0.02, 0.03], bias: [-1, 0.5, 2] };

function trainer(student: Network, vars: { params: object; state: object } = { params: {}, state: {} }): Trainer {
  return {
    student,
    inputNormalisation: norm,
    studentVariables: () => vars,
    method: { id: 'kd' },
    stepsDone: 7,
    config: { cold: { seed: 1 } },
  } as unknown as Trainer;
}

/** A "network" whose logits are its (flattened) input, to see what predict feeds it. */
function echo(read?: () => Promise<never>): Network {
  return {
    forward: (_p: unknown, _s: unknown, x: tf.Tensor4D) => {
      const logits = x.reshape([x.shape[0], -1]);
      if (read) logits.data = read;
      return { logits };
    },
  } as unknown as Network;
}

describe('worker exports', () => {
  it('predict normalises raw pixels with the trainer’s normalisation', async () => {
    const ds = dataset();
    const images = Float32Array.from({ length: 2 * H * W * C }, (_, i) => i % 256);
    const out = await predict(trainer(echo()), ds, images, 2);
    expect(out).toEqual(Float32Array.from(images, (v, i) => v * norm.scale[i % C] + norm.bias[i % C]));
  });

  it('predict frees its output when reading it fails', async () => {
    const ds = dataset();
    const before = tf.memory().numTensors;
    await expect(predict(trainer(echo(() => Promise.reject(new Error('device lost')))), ds, new Float32Array(H * W * C), 1)).rejects.toThrow('device lost');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the exported student starts with the trainer’s normalisation', async () => {
    const ds = dataset();
    const network = getPreset('cnn').student({ inputShape: [H, W, C], numClasses: 3 });
    const vars = createVariables(network.spec, Rng.fromSeed(1));
    const ev = await studentFiles(trainer(network, vars), ds);
    const files = { 'model.json': ev.files[0].bytes, 'weights.bin': ev.files[1].bytes };
    const model = await tf.loadLayersModel(fromExportedFiles(files));
    const [gamma, beta] = model.getLayer('input_normalisation').getWeights();
    expect(Array.from(gamma.dataSync())).toEqual(norm.scale.map(Math.fround));
    expect(Array.from(beta.dataSync())).toEqual(norm.bias.map(Math.fround));
    model.dispose();
    tf.dispose([...Object.values(vars.params), ...Object.values(vars.state)]);
  });
});
