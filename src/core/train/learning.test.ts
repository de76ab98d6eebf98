// A short HKD run on the embedded data with the shipped teacher: the student learns (test
// accuracy well above the 10% of chance) and the meta-weight network moves its weights away
// from their initial value of 1.
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeBackend } from '../../node/backend';
import { loadEmbeddedDatasetFromDisk } from '../../node/embedded';
import { loadTeacherFromDisk } from '../../node/teachers';
import { defaultConfig } from './config';
import { Trainer } from './trainer';

beforeAll(async () => {
  await startNodeBackend('wasm');
});

describe('a short HKD run', () => {
  it('raises test accuracy well above chance and moves the hint weights', async () => {
    const dataset = await loadEmbeddedDatasetFromDisk();
    const { teacher } = await loadTeacherFromDisk('cnn');
    const trainer = await Trainer.create({
      config: defaultConfig({ cold: { method: 'hkd', seed: 1, totalSteps: 150, evalSize: 1000 } }),
      dataset,
      teacher,
    });
    const first = await trainer.step();
    // An untrained meta network gives v ≈ 1 (2·sigmoid(≈0)).
    for (const m of first.meanV) expect(Math.abs(m - 1)).toBeLessThan(0.05);
    let last = first;
    for (let i = 1; i < 150; i++) last = await trainer.step();
    const ev = await trainer.evaluate();
    expect(ev.testAcc).toBeGreaterThan(0.6);
    const moved = Math.max(...last.meanV.map((m) => Math.abs(m - 1)));
    expect(moved).toBeGreaterThan(0.1);
    trainer.dispose();
  }, 600_000); // 150 HKD steps: about 2.5 min on a slow 2-core machine
});
