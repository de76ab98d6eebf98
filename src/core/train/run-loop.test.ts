// The one run loop, driven with stand-in trainers: schedules, edits, divergence, and resuming.
import { describe, expect, it } from 'vitest';
import { DivergedError, SettingsError } from './errors';
import { runLoop, type LoopEvent, type LoopTrainer } from './run-loop';
import type { HotSettings } from './config';
import type { ProbeReport } from './report';

function fake(opts: { divergeAt?: number } = {}) {
  const t = {
    stepsDone: 0,
    lr: 0.1,
    async step() {
      if (t.stepsDone === opts.divergeAt) throw new DivergedError(t.stepsDone, t.lr, 'the training loss');
      t.stepsDone++;
      return { step: t.stepsDone - 1, lr: t.lr };
    },
    async evaluate() {
      return { step: t.stepsDone };
    },
    async probes() {
      return { step: t.stepsDone } as unknown as ProbeReport;
    },
    setHot(p: Partial<HotSettings>) {
      if (p.lr !== undefined && p.lr < 0) throw new SettingsError(['learning rate: -1 is out of range']);
      if (p.lr !== undefined) t.lr = p.lr;
      return { lr: t.lr } as HotSettings;
    },
  };
  return t;
}

async function collect<S, E>(gen: AsyncGenerator<LoopEvent<S, E>>) {
  const out: LoopEvent<S, E>[] = [];
  for await (const e of gen) out.push(e);
  return out;
}

const kinds = (evs: LoopEvent[]) =>
  evs.map((e) => (e.type === 'diverged' ? `diverged${e.run}@${e.error.step}` : 'run' in e ? `${e.type}${e.run}@${(e.report as { step: number }).step}` : `${e.type}@${e.step}`));

describe('runLoop', () => {
  it('steps the runs in lockstep, with probes and evaluations on their schedule and one final evaluation', async () => {
    const a = fake();
    const b = fake();
    const evs = await collect(runLoop([a, b], { until: 4, probeEvery: 2, evalEvery: 2, finalEval: true }));
    expect(kinds(evs)).toEqual([
      'step0@0', 'step1@0', 'step0@1', 'step1@1', 'probes0@2', 'probes1@2', 'eval0@2', 'eval1@2',
      'step0@2', 'step1@2', 'step0@3', 'step1@3', 'probes0@4', 'probes1@4', 'eval0@4', 'eval1@4', 'done@4',
    ]);
    expect(evs.filter((e) => e.type === 'eval').map((e) => (e as { final: boolean }).final)).toEqual([false, false, true, true]);
  });

  it('applies hot edits between steps to every run, reports a refused one, and changes nothing then', async () => {
    const a = fake();
    const queue: Partial<HotSettings>[][] = [[], [{ lr: 0.02 }], [{ lr: -1 }]];
    const evs = await collect(runLoop([a], { until: 3, edits: () => queue.shift() ?? [] }));
    const reports = evs.filter((e) => e.type === 'step').map((e) => (e as { report: { lr: number } }).report.lr);
    expect(reports).toEqual([0.1, 0.02, 0.02]);
    expect(evs.find((e) => e.type === 'edit')).toMatchObject({ step: 1, changed: { lr: 0.02 } });
    expect(evs.find((e) => e.type === 'edit-refused')).toMatchObject({ step: 2 });
  });

  it('ends on a diverged step; a new loop continues from the step counts, and stops when the caller returns', async () => {
    const a = fake({ divergeAt: 2 });
    const evs = await collect(runLoop([a], { until: 5 }));
    expect(kinds(evs).slice(-1)).toEqual(['diverged0@2']);
    expect(a.stepsDone).toBe(2);
    const b = fake();
    const loop = runLoop([b as LoopTrainer], {});
    for await (const e of loop) if (e.type === 'step' && b.stepsDone === 3) break; // leaving the for-await returns the generator
    expect(b.stepsDone).toBe(3);
    expect(kinds(await collect(runLoop([b], { until: 4 })))).toEqual(['step0@3', 'done@4']);
  });
});
