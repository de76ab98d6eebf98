import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeBackend } from '../../node/backend';
import type { Dataset } from '../data/dataset';
import { defaultConfig } from '../train/config';
import { SettingsError } from '../train/errors';
import { Trainer, type Teacher } from '../train/trainer';
import { randomTeacher, smallEmbedded } from '../train/fixtures.test-util';
import { RunRecorder, replay } from './replay';
import { describeEnvironment, encodeRunFile, parseRunFile } from './runfile';

let data: Dataset;
let teacher: Teacher;
let backend: string;

beforeAll(async () => {
  backend = (await startNodeBackend('wasm')).name;
  // A slice keeps these tests quick.
  data = await smallEmbedded(512, 100);
  teacher = randomTeacher();
});

describe('run file replay', () => {
  it('replays 50 steps with two live edits (lr at 10, metaInterval at 30): identical losses on the same backend', async () => {
    const config = defaultConfig({ cold: { method: 'hkd', seed: 7, batchSize: 8, metaBatchSize: 8, probeCount: 8 } });
    const live = await Trainer.create({ config, dataset: data, teacher });
    const rec = new RunRecorder(live);
    const original: number[] = [];
    for (let s = 0; s < 50; s++) {
      if (s === 10) rec.setHot({ lr: 0.02 });
      if (s === 30) rec.setHot({ metaInterval: 3 });
      if (s === 20) expect(() => rec.setHot({ lr: -1 })).toThrow(SettingsError); // refused edits are not logged
      original.push((await live.step()).losses.total);
    }
    live.dispose();
    expect(rec.edits).toEqual([
      { step: 10, setting: 'lr', from: 0.05, to: 0.02 },
      { step: 30, setting: 'metaInterval', from: 1, to: 3 },
    ]);
    const text = encodeRunFile(rec.runFile(describeEnvironment(backend), { dataset: 'embedded slice of 512' }));
    const run = parseRunFile(text, 'run.json');
    expect(run.steps).toBe(50);
    expect(run.seed).toBe(7);
    expect(run.config.hot.lr).toBe(0.05); // the initial hot settings, not the edited ones
    expect(run.environment.backend).toBe(backend);
    expect(run.environment.libraries['tfjs-core']).toBe('4.22.0');
    expect(run.environment.userAgent).toMatch(/^Node v20/);

    const r = await replay(run, { dataset: data, teacher });
    const replayed: number[] = [];
    const metaSteps: boolean[] = [];
    for await (const rep of r.steps()) {
      replayed.push(rep.losses.total);
      metaSteps.push(rep.metaStep);
    }
    expect(r.trainer.stepsDone).toBe(50);
    expect(r.trainer.hotSettings.lr).toBe(0.02);
    r.trainer.dispose();
    expect(replayed).toHaveLength(50);
    expect(replayed).toEqual(original);
    // The metaInterval edit took effect at step 30: meta steps at 30, 33, 36, …
    expect(metaSteps.slice(29, 37)).toEqual([true, true, false, false, true, false, false, true]);

    // Without the edits the run differs from step 10 on (HKD's look-ahead uses lr in the same
    // step): the edits are really replayed, at their step.
    const plain = await replay({ ...run, edits: [] }, { dataset: data, teacher });
    const noEdits: number[] = [];
    for await (const rep of plain.steps(11)) noEdits.push(rep.losses.total);
    plain.trainer.dispose();
    expect(noEdits.slice(0, 10)).toEqual(original.slice(0, 10));
    expect(noEdits[10]).not.toBe(original[10]);
  });
});
