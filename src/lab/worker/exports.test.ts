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
import { RunLog } from '../../core/runs/run-log';
import type { ProbeReport } from '../../core/train/report';
import type { RunRecorder } from '../../core/runs/replay';
import { metricsEvent, predict, studentFiles } from './exports';

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

  it('the run metrics CSV holds, per run with probe reports, a probe file; a run without any has none', () => {
    const probe: ProbeReport = { step: 4, hints: ['kd'], indices: Int32Array.from([3, 9]), labels: Int32Array.from([2, 0]), v: Float32Array.from([0.5, 1.5]), vt: Float32Array.from([0.75, 1.25]), vtStep: Int32Array.from([4, -1]), losses: Float32Array.from([1, 2, 3, 4]), preds: Int32Array.from([2, 1]) };
    const kd = new RunLog(['kd']);
    kd.addProbes(probe);
    kd.addProbes({ ...probe, step: 8 });
    const ev = metricsEvent('csv', [kd, new RunLog([])], ['KD', 'CE'], [['kd'], []], ['a', 'b', 'c'], undefined as unknown as RunRecorder, 'cpu', 'My run');
    expect(ev.files.map((f) => f.name)).toEqual(['my-run-kd-metrics.csv', 'my-run-kd-probes.csv', 'my-run-ce-metrics.csv']);
    const lines = new TextDecoder().decode(ev.files[1].bytes).trim().split('\r\n');
    expect(lines[0]).toBe('step,probe,index,label,label.name,pred,pred.name,vt.step,v.kd,vt.kd,loss.ce,loss.kd');
    expect(lines.slice(1)).toEqual(['4,0,3,2,c,2,c,4,0.5,0.75,1,2', '4,1,9,0,a,1,b,-1,1.5,1.25,3,4', '8,0,3,2,c,2,c,4,0.5,0.75,1,2', '8,1,9,0,a,1,b,-1,1.5,1.25,3,4']);
  });
});
