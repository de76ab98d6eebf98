// A diverged run can be rescued: after lr 2 and every β at 10,000 blow it up, lowering the settings
// back to the defaults must let it train on. Measured cause (report): every step at those settings
// multiplies the weights and the SGD velocity by ~1e4, so the last finite step is already poisoned
// (|w| ~1e13–1e17, label loss ~1e5); the trainer has to roll back to a state that was still healthy.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeBackend } from '../../node/backend';
import { loadTeacherFromDisk } from '../../node/teachers';
import type { Dataset } from '../data/dataset';
import { defaultConfig, type HotSettings } from './config';
import { DivergedError } from './errors';
import { Trainer, type Teacher } from './trainer';
import { smallEmbedded } from './fixtures.test-util';

let data: Dataset;
let teacher: Teacher;

beforeAll(async () => {
  await startNodeBackend('wasm');
  data = await smallEmbedded(512, 200);
  teacher = (await loadTeacherFromDisk('cnn')).teacher;
});

const BLOW_UP: Partial<HotSettings> = { lr: 2, betas: { kd: 10_000, fitnet: 10_000, at: 10_000 } };
const WARM = 3;

function make(seed: number) {
  // Small batches keep ten trials quick; B=8 diverges as reliably as the default 32 (measured).
  return Trainer.create({
    config: defaultConfig({ cold: { method: 'hkd', seed, batchSize: 8, metaBatchSize: 8, probeCount: 10, valSize: 100, bnStatsSize: 100 } }),
    dataset: data,
    teacher,
  });
}

/** Steps until the run diverges (at most `limit` steps); the error, or null when it did not. */
async function stepUntilDiverged(t: Trainer, limit: number): Promise<DivergedError | null> {
  for (let i = 0; i < limit; i++) {
    const e = await t.step().then(() => null, (err) => err);
    if (e instanceof DivergedError) return e;
    if (e) throw e;
  }
  return null;
}

describe('a diverged run', () => {
  it('trains on with finite, sane losses after lowering lr and β, in 10 of 10 seeds', async () => {
    const ln = Math.log(data.classNames.length);
    const continued: number[] = [];
    const report: string[] = [];
    for (let seed = 1; seed <= 10; seed++) {
      const t = await make(seed);
      const sane = t.hotSettings;
      for (let i = 0; i < WARM; i++) await t.step();
      t.setHot(BLOW_UP);
      const err = await stepUntilDiverged(t, 40);
      // The premise: these settings (inside the limits) blow the run up.
      expect(err, `seed ${seed} did not diverge`).toBeInstanceOf(DivergedError);
      const divergedAt = err!.step;
      t.setHot(sane);
      let ok = 0;
      for (let i = 0; i < 10; i++) {
        const r = await t.step().catch(() => null);
        // Finite is not enough: a poisoned state trains on "finitely" at a label loss of 1e5.
        if (!r || !Number.isFinite(r.losses.total) || !(r.losses.ce < 2 * ln)) break;
        ok++;
      }
      report.push(`seed ${seed}: diverged at step ${divergedAt + 1}, back to ${t.stepsDone - ok}, ${ok}/10 sane steps`);
      if (ok === 10) continued.push(seed);
      t.dispose();
    }
    console.log(report.join('\n'));
    expect(continued).toHaveLength(10);
  });

  it('rolls back to the last healthy step, says which and what to lower, and keeps tf.memory().numTensors flat', async () => {
    const t = await make(7);
    const sane = t.hotSettings;
    for (let i = 0; i < WARM; i++) await t.step();
    const before = tf.memory().numTensors;
    const healthy = await t.checkpoint();
    t.setHot(BLOW_UP);
    const err = await stepUntilDiverged(t, 40);
    expect(err).toBeInstanceOf(DivergedError);
    expect(err!.step).toBeGreaterThan(WARM);
    // The state at WARM was the last one whose own step had a sane label loss (the first step at
    // lr 2 makes |w| ~1e4 and the next label loss ~1e7): that is the state restored.
    expect(err!.rolledBackTo).toBe(WARM);
    expect(t.stepsDone).toBe(WARM);
    expect(err!.message).toMatch(new RegExp(`diverged at step ${err!.step + 1}.*rolled back to step ${WARM}.*Lower the learning rate \\(now 2\\) or the hint scales β \\(now kd 10000, fitnet 10000, at 10000\\)`));
    const back = await t.checkpoint();
    for (const [name, x] of Object.entries(healthy.tensors)) expect(back.tensors[name].data, name).toEqual(x.data);
    expect(back.batcher).toEqual(healthy.batcher);
    expect(back.counters).toEqual(healthy.counters);
    expect(tf.memory().numTensors).toBe(before);
    t.setHot(sane);
    for (let i = 0; i < 5; i++) await t.step();
    expect(tf.memory().numTensors).toBe(before);
    t.dispose();
  });

  it('says so when no healthy state is known (a state saved mid blow-up, reopened), and changes nothing', async () => {
    const t = await make(7);
    for (let i = 0; i < WARM; i++) await t.step();
    t.setHot(BLOW_UP);
    let poisoned = await t.checkpoint();
    for (let i = 0; i < 40; i++) {
      if (await t.step().then(() => false, (e) => e instanceof DivergedError)) break;
      poisoned = await t.checkpoint();
    }
    t.dispose();
    const u = await make(7);
    u.restore(poisoned);
    u.setHot({ lr: 0.05, betas: { kd: 0.9, fitnet: 1, at: 100 } });
    const err = await stepUntilDiverged(u, 10);
    expect(err).toBeInstanceOf(DivergedError);
    expect(err!.rolledBackTo).toBeUndefined();
    expect(err!.message).toMatch(/diverged at step \d+.*No healthy state is known to roll back to.*reset the run/);
    expect(u.stepsDone).toBe(err!.step);
    u.dispose();
  });
});
