// Each shipped teacher reaches its recorded accuracy on the embedded test split.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { startNodeBackend } from './backend';
import { loadEmbeddedDatasetFromDisk } from './embedded';
import { loadTeacherFromDisk } from './teachers';
import { Batcher } from '../core/data/batcher';
import type { Dataset } from '../core/data/dataset';
import { PRESETS } from '../core/nn/presets';
import { Rng } from '../core/random';
import { evaluateNetwork } from '../core/train/evaluate';

let data: Dataset;
beforeAll(async () => {
  await startNodeBackend('wasm');
  data = await loadEmbeddedDatasetFromDisk();
});

describe('shipped teachers', () => {
  for (const preset of PRESETS) {
    it(`${preset.id}: loads and reaches its recorded test accuracy`, async () => {
      const { teacher, record } = await loadTeacherFromDisk(preset.id);
      expect(record.preset).toBe(preset.id);
      expect(record.testAccuracy).toBeGreaterThan(0.85);
      const norm = new Batcher(data.train, data, Rng.fromSeed(0));
      const ev = await evaluateNetwork(teacher.network, teacher.params, teacher.state, data.test, (i) => norm.normalise(data.test.images, i));
      // Same data, same weights: only float summation order can differ between runs.
      expect(Math.abs(ev.accuracy - record.testAccuracy)).toBeLessThanOrEqual(0.002);
      tf.dispose([...Object.values(teacher.params), ...Object.values(teacher.state)]);
    });
  }

  it('rejects weights of another network with a clear error', async () => {
    const { loadTeacher } = await import('../core/nn/teachers');
    const { readFile } = await import('node:fs/promises');
    const other = PRESETS.find((p) => p.id !== 'cnn')!.id;
    await expect(
      loadTeacher('cnn', async (rel) => new Uint8Array(await readFile(`public/${rel.replace('cnn.bin', `${other}.bin`)}`))),
    ).rejects.toThrow(/network spec id: expected "cnn-t"/);
  });
});
