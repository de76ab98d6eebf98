import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeBackend } from '../../node/backend';
import { loadEmbeddedDatasetFromDisk } from '../../node/embedded';
import { Batcher } from '../data/batcher';
import type { Dataset } from '../data/dataset';
import { createVariables } from '../nn/init';
import { getPreset } from '../nn/presets';
import { Rng } from '../random';
import { exportStudent, fromExportedFiles } from './export-student';

let data: Dataset;
let backend: string;
const N = 64;

beforeAll(async () => {
  backend = (await startNodeBackend('wasm')).name;
  data = await loadEmbeddedDatasetFromDisk();
});

/** A student with random weights and non-trivial BN running statistics. */
function student(presetId: string, seed: number, inputShape: [number, number, number] = [data.height, data.width, data.channels]) {
  const network = getPreset(presetId).student({ inputShape, numClasses: 10 });
  const v = createVariables(network.spec, Rng.fromSeed(seed));
  const rng = Rng.fromSeed(seed + 1);
  for (const [name, t] of Object.entries(v.state)) {
    const n = t.size;
    const vals = Float32Array.from({ length: n }, () => (name.endsWith('.var') ? 0.2 + 2 * rng.float() : rng.normal() * 0.5));
    t.assign(tf.tensor(vals, t.shape));
  }
  for (const [name, t] of Object.entries(v.params)) {
    if (name.endsWith('gamma') || name.endsWith('beta') || name === 'fc.b') {
      const base = name.endsWith('gamma') ? 1 : 0;
      t.assign(tf.tensor(Float32Array.from({ length: t.size }, () => base + 0.3 * rng.normal()), t.shape));
    }
  }
  return { network, params: v.params, state: v.state };
}

function testImages(): { raw: Float32Array; normalised: Float32Array } {
  const b = new Batcher(data.train, data, Rng.fromSeed(1));
  const idx = Int32Array.from({ length: N }, (_, i) => i * 7);
  const size = data.height * data.width * data.channels;
  const raw = new Float32Array(N * size);
  idx.forEach((src, k) => raw.set(data.test.images.subarray(src * size, (src + 1) * size), k * size));
  return { raw, normalised: b.normalise(data.test.images, idx) };
}

async function maxDiff(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  const d = tf.max(tf.abs(tf.sub(a, b)));
  const v = (await d.data())[0];
  d.dispose();
  return v;
}

describe('exportStudent → tf.loadLayersModel', () => {
  for (const presetId of ['cnn', 'resnet']) {
    it(`${presetId} student: the loaded model predicts like network.forward(eval) to within 1e-4 on embedded test images`, async () => {
      const { network, params, state } = student(presetId, presetId === 'cnn' ? 3 : 4);
      const { files } = await exportStudent(network, params, state, { classNames: data.classNames });
      const json = JSON.parse(new TextDecoder().decode(files['model.json']));
      expect(json.format).toBe('layers-model');
      expect(json.weightsManifest[0].paths).toEqual(['weights.bin']);
      expect(files['weights.bin'].length).toBe(4 * (network.spec.paramCount + network.spec.state.reduce((s, p) => s + p.shape.reduce((a, b) => a * b, 1), 0)));
      const model = await tf.loadLayersModel(fromExportedFiles(files));
      const { normalised } = testImages();
      const x = tf.tensor4d(normalised, [N, data.height, data.width, data.channels]);
      const ours = tf.tidy(() => network.forward(params, state, x, 'eval').logits);
      const theirs = model.predict(x) as tf.Tensor;
      expect(theirs.shape).toEqual([N, 10]);
      const diff = await maxDiff(ours, theirs);
      expect(diff, `max |Δlogit| on ${backend}`).toBeLessThan(1e-4);
      // Not trivially equal: the logits vary across images.
      expect(await maxDiff(ours, tf.zerosLike(ours))).toBeGreaterThan(0.1);
      tf.dispose([x, ours, theirs, ...Object.values(params), ...Object.values(state)]);
      model.dispose();
    });
  }

  it('with inputNormalisation the model takes raw pixels 0..255', async () => {
    const { network, params, state } = student('cnn', 8);
    const { files } = await exportStudent(network, params, state, { inputNormalisation: new Batcher(data.train, data, Rng.fromSeed(1)).normalisation });
    const model = await tf.loadLayersModel(fromExportedFiles(files));
    const { raw, normalised } = testImages();
    const shape: [number, number, number, number] = [N, data.height, data.width, data.channels];
    const ours = tf.tidy(() => network.forward(params, state, tf.tensor4d(normalised, shape), 'eval').logits);
    const theirs = tf.tidy(() => model.predict(tf.tensor4d(raw, shape)) as tf.Tensor);
    expect(await maxDiff(ours, theirs)).toBeLessThan(1e-4);
    tf.dispose([ours, theirs]);
    model.dispose();
  });

  describe('over HTTP, as a user outside the lab would load it', () => {
    let server: Server;
    let url = '';
    const served: Record<string, Uint8Array> = {};
    beforeAll(async () => {
      server = createServer((req, res) => {
        const body = served[req.url!.slice(1)];
        if (!body) return void res.writeHead(404).end();
        res.writeHead(200, { 'content-type': req.url!.endsWith('.json') ? 'application/json' : 'application/octet-stream' }).end(Buffer.from(body));
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('tf.loadLayersModel(url to model.json) fetches weights.bin beside it and gives the same predictions', async () => {
      const { network, params, state } = student('resnet', 5);
      const { files } = await exportStudent(network, params, state);
      Object.assign(served, files);
      const model = await tf.loadLayersModel(`${url}/model.json`);
      const x = tf.tensor4d(testImages().normalised, [N, data.height, data.width, data.channels]);
      const ours = tf.tidy(() => network.forward(params, state, x, 'eval').logits);
      const theirs = model.predict(x) as tf.Tensor;
      expect(await maxDiff(ours, theirs)).toBeLessThan(1e-4);
      tf.dispose([x, ours, theirs]);
      model.dispose();
    });
  });

  it('exports a 32×32×3 (CIFAR-shaped) student too, and refuses tensors it cannot map', async () => {
    const { network, params, state } = student('resnet', 6, [32, 32, 3]);
    const { files } = await exportStudent(network, params, state);
    const model = await tf.loadLayersModel(fromExportedFiles(files));
    expect(model.inputs[0].shape).toEqual([null, 32, 32, 3]);
    model.dispose();
    await expect(exportStudent(network, { ...params, 'extra.w': tf.zeros([1]) }, state)).rejects.toThrow(/not mapped to any layer: extra\.w/);
  });

  describe('a failed export frees everything it made', () => {
    const norm = { scale: [1 / 255], bias: [0] };
    const cases: [string, (m: ReturnType<typeof student>) => { params: Record<string, tf.Tensor>; state: Record<string, tf.Tensor> }, RegExp][] = [
      ['a tensor missing half-way (after layers were built)', ({ params, state }) => ({ params, state: Object.fromEntries(Object.entries(state).filter(([n]) => n !== 's2.c1.bn.mean')) }), /missing tensor "s2\.c1\.bn\.mean"/],
      ['the last tensor missing', ({ params, state }) => ({ params: Object.fromEntries(Object.entries(params).filter(([n]) => n !== 'fc.b')), state }), /missing tensor "fc\.b"/],
      ['a tensor no layer takes', ({ params, state }) => ({ params: { ...params, 'extra.w': params['fc.b'].clone() }, state }), /not mapped to any layer: extra\.w/],
    ];
    for (const [what, change, message] of cases) {
      it(`${what}: tf.memory().numTensors is unchanged`, async () => {
        const s = student('cnn', 9);
        const { params, state } = change(s);
        const before = tf.memory().numTensors;
        await expect(exportStudent(s.network, params, state, { inputNormalisation: norm })).rejects.toThrow(message);
        expect(tf.memory().numTensors).toBe(before);
        tf.dispose([...Object.values(params), ...Object.values(state), ...Object.values(s.params), ...Object.values(s.state)]);
      });
    }
  });
});
