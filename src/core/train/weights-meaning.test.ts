// HKD.md §3: without normalisation the raw meta-weights drift to the 2.0 ceiling and every
// per-instance view shows a flat band. At the defaults, over a whole default-length run, no hint's
// batch-mean raw weight may sit within 5 % of the ceiling, and the ensembled weights ṽ must still
// differ between instances. Long (2,000 HKD steps), because the drift shows only late.
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeBackend } from '../../node/backend';
import { loadEmbeddedDatasetFromDisk } from '../../node/embedded';
import { loadTeacherFromDisk } from '../../node/teachers';
import { summarise } from '../reproduce/stats';
import { defaultConfig } from './config';
import { Trainer } from './trainer';

const CEILING = 2;
/** The least sd of ṽ across the probe images, per hint: a flat band reads ≈ 0.01 or less. */
const MIN_SPREAD = 0.05;

beforeAll(async () => {
  await startNodeBackend('wasm');
});

// 2,000 HKD steps take 11–16 min on a 2-core machine: more than CI's budget allows beside the
// rest. Run it with HKD_LONG_TESTS=1 (README, "Tests"); its last result is in the README.
describe.skipIf(!process.env.HKD_LONG_TESTS)('weights that mean something', () => {
  it('at the defaults, over 2,000 steps, stay off the ceiling and differ between instances', async () => {
    const config = defaultConfig({ cold: { method: 'hkd', seed: 1, evalEvery: 0 } });
    expect(config.cold.totalSteps).toBe(2000);
    const trainer = await Trainer.create({ config, dataset: await loadEmbeddedDatasetFromDisk(), teacher: (await loadTeacherFromDisk('cnn')).teacher });
    const K = (await trainer.probes()).hints.length;
    expect(K).toBe(3);
    const tail = Array.from({ length: K }, () => 0);
    for (let s = 0; s < config.cold.totalSteps; s++) {
      const r = await trainer.step();
      if (s >= config.cold.totalSteps - 200) r.meanVRaw.forEach((m, k) => (tail[k] += m / 200));
    }
    const p = await trainer.probes();
    const spread = Array.from({ length: K }, (_, k) => summarise(Array.from({ length: p.vt.length / K }, (_, i) => p.vt[i * K + k])).sd);
    console.log(`last-200-step mean raw weight per hint: ${tail.map((t) => t.toFixed(3)).join(', ')}; sd of ṽ over probes: ${spread.map((t) => t.toFixed(3)).join(', ')}`);
    for (const t of tail) expect(t).toBeLessThan(CEILING * 0.95);
    for (const s of spread) expect(s).toBeGreaterThan(MIN_SPREAD);
    trainer.dispose();
  }, 1_800_000);
});
