import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { defaultConfig, METHODS, type ColdSettings, type MethodId } from './config';
import { DivergedError, SettingsError } from './errors';
import { Trainer } from './trainer';
import { lrFactor } from '../optim/schedule';
import { randomTeacher, trainerSuite } from './fixtures.test-util';

// A slice keeps these tests quick.
const suite = trainerSuite(512, 200);
const make = (method: MethodId, cold: Partial<ColdSettings> = {}) => suite.make({ method, probeCount: 10, ...cold });

async function losses(t: Trainer, steps: number) {
  const out: number[] = [];
  for (let i = 0; i < steps; i++) out.push((await t.step()).losses.total);
  return out;
}

describe('Trainer', () => {
  it('gives identical losses over 20 steps for one seed and different ones for another', async () => {
    const a = await make('hkd', { seed: 3 });
    const b = await make('hkd', { seed: 3 });
    const c = await make('hkd', { seed: 4 });
    const la = await losses(a, 20);
    expect(await losses(b, 20)).toEqual(la);
    expect(await losses(c, 20)).not.toEqual(la);
    for (const t of [a, b, c]) t.dispose();
  });

  for (const method of METHODS) {
    it(`keeps tf.memory().numTensors flat over 50 steps (${method})`, async () => {
      const t = await make(method, { metaInputs: ['losses', 'progress', 'teacherConf', 'studentCorrect'] });
      await t.step(); // first step may create lazily cached tensors
      const before = tf.memory().numTensors;
      for (let i = 0; i < 50; i++) await t.step();
      await t.probes();
      await t.evaluate();
      expect(tf.memory().numTensors).toBe(before);
      t.dispose();
    });
  }

  it('a trainer created, stepped, checkpointed and disposed leaves no tensor behind (the lab rebuilds on every reset)', async () => {
    for (const ensemble of ['instance', 'param'] as const) {
      const before = tf.memory().numTensors;
      const t = await make('hkd', { ensemble });
      await losses(t, 3);
      t.restore(await t.checkpoint());
      await t.evaluate();
      t.dispose();
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it('keeps numTensors flat with the parameter-EMA ensembling alternative, whose ṽ trails v', async () => {
    const t = await make('hkd', { ensemble: 'param' });
    await t.step();
    const before = tf.memory().numTensors;
    let r = await t.step();
    for (let i = 0; i < 20; i++) r = await t.step();
    expect(tf.memory().numTensors).toBe(before);
    // Θ_ema moves 0.1% of the way per meta step, so ṽ stays nearer the start than v.
    const drift = (xs: number[]) => Math.max(...xs.map((x) => Math.abs(x - 1)));
    expect(drift(r.meanVt)).toBeLessThan(drift(r.meanV));
    t.dispose();
  });

  it('gives every method of one seed the same initial student and the same batches', async () => {
    const runs = await Promise.all(METHODS.map((m) => make(m, { seed: 9 })));
    const start = await Promise.all(runs.map((t) => t.checkpoint()));
    const student = (c: (typeof start)[number]) => Object.keys(c.tensors).filter((k) => k.startsWith('student.')).sort().map((k) => Array.from(c.tensors[k].data));
    for (const c of start.slice(1)) expect(student(c)).toEqual(student(start[0]));
    const batches: number[][][] = [];
    for (const t of runs) {
      const seen: number[][] = [];
      for (let i = 0; i < 3; i++) {
        const p = await t.prepare({ trace: true });
        seen.push(Array.from(p.trace!.batch.indices));
        p.commit();
      }
      batches.push(seen);
    }
    for (const b of batches.slice(1)) expect(b).toEqual(batches[0]);
    // Augmentation draws from the same stream: its state after three steps agrees too.
    const after = await Promise.all(runs.map((t) => t.checkpoint()));
    for (const c of after.slice(1)) expect([c.batcher.rng, c.batcher.order, c.batcher.cursor]).toEqual([after[0].batcher.rng, after[0].batcher.order, after[0].batcher.cursor]);
    for (const t of runs) t.dispose();
  });

  it('a prepared step changes nothing until committed; a discarded one leaves the run as it was', async () => {
    const a = await make('hkd', { seed: 6 });
    const b = await make('hkd', { seed: 6 });
    const before = tf.memory().numTensors;
    const p = await a.prepare({ trace: true });
    expect(a.stepsDone).toBe(0);
    p.discard();
    expect(tf.memory().numTensors).toBe(before);
    expect(await losses(a, 3)).toEqual(await losses(b, 3));
    // A step of the step-through is the step: its numbers are the report's.
    const held = tf.memory().numTensors;
    const q = await a.prepare({ trace: true });
    const tr = q.trace!;
    expect(tr.meta).not.toBeNull();
    const k = a.hints.length;
    expect(tr.meta!.G).toHaveLength(8 * k);
    expect(tr.meta!.vBefore).toHaveLength(8 * k);
    expect(tr.v).toHaveLength(8 * k);
    expect(tr.losses).toHaveLength(8 * (1 + k));
    expect(tr.actual.total).toBe(q.report.losses.total);
    expect(tr.meta!.metaLoss).toBe(q.report.metaLoss);
    expect(Array.from(tr.meta!.G).every(Number.isFinite)).toBe(true);
    expect(tr.meta!.thetaStepNorm).toBeGreaterThan(0);
    await expect(a.step()).rejects.toThrow(/pending/);
    q.commit();
    // A committed traced step leaves no tensor behind either (the trace is plain arrays).
    expect(tf.memory().numTensors).toBe(held);
    expect(a.stepsDone).toBe(4);
    expect(() => q.commit()).toThrow(/already/);
    a.dispose();
    b.dispose();
  });

  it('reports every loss term, the mean weight and a histogram per hint', async () => {
    const t = await make('hkd');
    const r = await t.step();
    expect(r.hints).toEqual(['kd', 'fitnet', 'at']);
    for (const h of r.hints) expect(Number.isFinite(r.losses[h])).toBe(true);
    expect(r.metaStep).toBe(true);
    expect(Number.isFinite(r.metaLoss)).toBe(true);
    expect(r.meanV).toHaveLength(3);
    expect(r.hist.length).toBe(3 * 20);
    // Every instance lands in one bin per hint.
    for (let k = 0; k < 3; k++) expect(r.hist.slice(k * 20, (k + 1) * 20).reduce((s, x) => s + x, 0)).toBe(8);
    const p = await t.probes();
    expect(p.indices.length).toBe(10);
    expect(p.v.length).toBe(30);
    expect(p.losses.length).toBe(40);
    t.dispose();
  });

  it('reports each probe’s v now beside its stored ṽ, which changes only when the probe is in a batch', async () => {
    // batchSize 64 on 512 images: each step visits 1/8 of them (which probes is fixed by the seed).
    const t = await make('hkd', { batchSize: 64 });
    const first = await t.probes();
    expect(Array.from(first.vtStep)).toEqual(Array(10).fill(-1));
    expect(Array.from(first.vt)).toEqual(Array.from(first.v)); // never visited: ṽ shows v
    const seen = new Map<number, { at: number; vt: number[] }>();
    for (let s = 0; s < 3; s++) {
      await t.step();
      const p = await t.probes();
      for (let i = 0; i < 10; i++) {
        const vt = Array.from(p.vt.slice(i * 3, i * 3 + 3));
        const before = seen.get(i);
        if (p.vtStep[i] < 0) {
          expect(vt).toEqual(Array.from(p.v.slice(i * 3, i * 3 + 3)));
          continue;
        }
        expect(p.vtStep[i]).toBeLessThanOrEqual(s);
        // Not in this step's batch: the stored ṽ and its step stay as they were.
        if (before && p.vtStep[i] === before.at) expect(vt).toEqual(before.vt);
        seen.set(i, { at: p.vtStep[i], vt });
      }
    }
    expect(seen.size).toBeGreaterThan(0);
    expect(seen.size).toBeLessThan(10); // some probes still unvisited, as in a real first epoch
    // The meta-weight net learned meanwhile: for probes last seen before the last step, v now differs from ṽ.
    const last = await t.probes();
    const stale = [...seen.entries()].filter(([, e]) => e.at < 2).map(([i]) => i);
    expect(stale.length).toBeGreaterThan(0);
    expect(stale.some((i) => Math.abs(last.v[i * 3] - last.vt[i * 3]) > 1e-6)).toBe(true);
    t.dispose();
  });

  it('changes hot settings between steps, refuses absurd ones and changes nothing then', async () => {
    const t = await make('hkd');
    await t.step();
    t.setHot({ lr: 0.01, metaInterval: 3 });
    expect(t.hotSettings.lr).toBe(0.01);
    expect(() => t.setHot({ lr: -1 })).toThrow(SettingsError);
    expect(() => t.setHot({ temperature: Number.NaN })).toThrow(/temperature/);
    expect(t.hotSettings.lr).toBe(0.01);
    const r1 = await t.step();
    // The edit set the schedule's base value: step 1 runs at 0.01 times the cosine factor.
    expect(r1.lr).toBe(0.01 * lrFactor('cosine', 1, t.config.cold.totalSteps));
    expect(r1.metaStep).toBe(false); // step 1 with interval 3
    t.dispose();
  });

  it('follows the learning-rate schedule and reports the rate each step used', async () => {
    const total = 8;
    for (const lrSchedule of ['cosine', 'step', 'constant'] as const) {
      const t = await make('kd', { lrSchedule, totalSteps: total });
      const used: number[] = [];
      for (let i = 0; i < total + 1; i++) used.push((await t.step()).lr);
      expect(used).toEqual(used.map((_, i) => 0.05 * lrFactor(lrSchedule, i, total)));
      t.dispose();
    }
    expect(lrFactor('cosine', 0, 100)).toBe(1);
    expect(lrFactor('cosine', 50, 100)).toBeCloseTo(0.5, 12);
    expect(lrFactor('cosine', 100, 100)).toBe(0);
    expect(lrFactor('cosine', 250, 100)).toBe(0);
    expect([0, 62, 63, 75, 88].map((i) => lrFactor('step', i, 100))).toEqual([1, 1, 0.1, 0.1 ** 2, 0.1 ** 3]);
  });

  it('restores a checkpoint and continues exactly as the original run', async () => {
    const a = await make('hkd', { seed: 5 });
    await losses(a, 4);
    const ckpt = await a.checkpoint();
    const cont = await losses(a, 4);
    const b = await make('hkd', { seed: 5 });
    b.restore(ckpt);
    expect(b.stepsDone).toBe(4);
    expect(await losses(b, 4)).toEqual(cont);
    a.dispose();
    b.dispose();
  });

  it('stops on a non-finite loss with a clear message and keeps the last good state', async () => {
    const bad = randomTeacher('cnn', 1);
    // A teacher whose classifier is NaN makes the KD loss NaN.
    const last = Object.keys(bad.params).filter((k) => k.endsWith('.w')).pop()!;
    (bad.params[last] as tf.Variable).assign(tf.fill(bad.params[last].shape, Number.NaN));
    const t = await Trainer.create({
      config: defaultConfig({ cold: { method: 'kd', batchSize: 8 } }),
      dataset: suite.data,
      teacher: bad,
    });
    const before = await t.checkpoint();
    const err = await t.step().catch((e) => e);
    expect(err).toBeInstanceOf(DivergedError);
    expect(err.message).toMatch(/diverged at step 1.*NaN.*last good state \(step 0\).*Lower the learning rate/);
    const after = await t.checkpoint();
    expect(after.step).toBe(0);
    for (const [name, x] of Object.entries(before.tensors)) expect(after.tensors[name].data).toEqual(x.data);
    expect(after.batcher).toEqual(before.batcher);
    t.dispose();
  });

  it('updates batch-norm running statistics only in the real step, never in virtual, meta or finite-difference passes', async () => {
    // After one step the running statistics depend only on the actual pass at the initial
    // weights on the first batch. HKD runs four more train-mode passes in its meta step; if any
    // of them touched the statistics, they would differ from fixed multi-hint's.
    const hkd = await make('hkd', { seed: 9 });
    const multi = await make('multi', { seed: 9 });
    const before = await hkd.checkpoint();
    await hkd.step();
    await multi.step();
    const a = await hkd.checkpoint();
    const b = await multi.checkpoint();
    const stats = Object.keys(a.tensors).filter((k) => k.includes('.state.'));
    expect(stats.length).toBeGreaterThan(4);
    for (const k of stats) {
      expect(a.tensors[k].data, k).toEqual(b.tensors[k].data);
      expect(a.tensors[k].data, k).not.toEqual(before.tensors[k].data);
    }
    hkd.dispose();
    multi.dispose();
  });

  it('refuses an absurd configuration with a message naming the setting', async () => {
    await expect(make('hkd', { batchSize: 0 })).rejects.toThrow(/batch size: 0 is out of range/);
  });
});
