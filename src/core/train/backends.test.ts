// The same seed on wasm and on cpu trains the same function: the first 20 losses agree.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { startNodeBackend } from '../../node/backend';
import { loadTeacherFromDisk } from '../../node/teachers';
import { defaultConfig, type MethodId } from './config';
import { smallEmbedded } from './fixtures.test-util';
import { Trainer } from './trainer';

async function first20(backend: 'wasm' | 'cpu', method: MethodId) {
  expect((await startNodeBackend(backend)).name).toBe(backend);
  const data = await smallEmbedded(1500, 200);
  const { teacher } = await loadTeacherFromDisk('cnn');
  const t = await Trainer.create({ config: defaultConfig({ cold: { method, seed: 4, batchSize: 16, metaBatchSize: 16, valSize: 200, bnStatsSize: 100 } }), dataset: data, teacher });
  const out: number[] = [];
  for (let i = 0; i < 20; i++) out.push((await t.step()).losses.total);
  t.dispose();
  tf.dispose([...Object.values(teacher.params), ...Object.values(teacher.state)]);
  return out;
}

describe('backends agree', () => {
  for (const method of ['kd', 'hkd'] as const) {
    it(`wasm and cpu give the same first 20 losses to 1e-4 (${method})`, async () => {
      const wasm = await first20('wasm', method);
      const cpu = await first20('cpu', method);
      const worst = Math.max(...wasm.map((x, i) => Math.abs(x - cpu[i])));
      console.log(`${method}: largest loss difference over 20 steps, wasm against cpu: ${worst.toExponential(2)}; per step ${wasm.map((x, i) => Math.abs(x - cpu[i]).toExponential(1)).join(" ")}`);
      expect(worst).toBeLessThanOrEqual(1e-4);
    });
  }
});
