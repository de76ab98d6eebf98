import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeBackend } from '../../node/backend';
import { Rng } from '../random';
import { createVariables } from './init';
import { getPreset } from './presets';
import { assignWeights, decodeWeights, encodeWeights, serializeTensors } from './serialize';

describe('serialize', () => {
  beforeAll(async () => {
    await startNodeBackend('cpu');
  });

  it('round trip is bit-identical, and data is 4-byte aligned', async () => {
    const net = getPreset('cnn').student();
    const v = createVariables(net.spec, Rng.fromSeed(9));
    const bytes = await serializeTensors(net.spec.id, v.params, v.state, { note: 'test' });
    const d = decodeWeights(bytes, net.spec.id);
    expect(d.meta).toEqual({ note: 'test' });
    for (const [n, t] of Object.entries(v.params)) {
      const orig = new Uint32Array(new Float32Array(await t.data()).buffer);
      expect(new Uint32Array(d.params[n].data.buffer)).toEqual(orig);
      expect(d.params[n].shape).toEqual(t.shape);
    }
    expect(Object.keys(d.state).sort()).toEqual(Object.keys(v.state).sort());
    const hlen = new DataView(bytes.buffer).getUint32(4, true);
    expect((8 + hlen) % 4).toBe(0);
    // Assign into a differently seeded copy: now identical.
    const w = createVariables(net.spec, Rng.fromSeed(10));
    assignWeights(d, w);
    expect(Array.from(await w.params['fc.w'].data())).toEqual(Array.from(await v.params['fc.w'].data()));
    tf.dispose([...Object.values(v.params), ...Object.values(v.state), ...Object.values(w.params), ...Object.values(w.state)]);
  });

  it('rejects malformed bytes with what was expected and found', () => {
    const good = encodeWeights({ specId: 'x', params: { a: { shape: [2, 3], data: new Float32Array(6).fill(1.5) } }, state: {} });
    expect(() => decodeWeights(good.subarray(0, 5))).toThrow(/length: expected at least 8 bytes, found 5/);
    const badMagic = good.slice();
    badMagic[0] = 0x58;
    expect(() => decodeWeights(badMagic)).toThrow(/magic: expected "HKDW"/);
    expect(() => decodeWeights(good.subarray(0, good.length - 4))).toThrow(/data: expected 24 bytes/);
    const extra = new Uint8Array(good.length + 4);
    extra.set(good);
    expect(() => decodeWeights(extra)).toThrow(/data length: expected 24 bytes, found 28/);
    const badLen = good.slice();
    new DataView(badLen.buffer).setUint32(4, 1e6, true);
    expect(() => decodeWeights(badLen)).toThrow(/header length/);
    expect(() => decodeWeights(good, 'other')).toThrow(/network spec id: expected "other", found "x"/);
    const garbled = good.slice();
    garbled[9] = 0x7b; // breaks the JSON
    garbled[10] = 0x7b;
    expect(() => decodeWeights(garbled)).toThrow(/header: expected UTF-8 JSON/);
    const w = { specId: 'x', params: { a: { shape: [2, 2], data: new Float32Array(4) } }, state: {} };
    const vars = { params: { a: tf.variable(tf.zeros([2, 3])) }, state: {} };
    expect(() => assignWeights(w, vars)).toThrow(/expected shape \[2,3\], found \[2,2\]/);
    expect(() => assignWeights({ ...w, params: {} }, vars)).toThrow(/missing \[a\]/);
    vars.params.a.dispose();
  });
});
