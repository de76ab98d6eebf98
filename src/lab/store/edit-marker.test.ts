// A live edit's chart marker reads the same after a reload or a replay: the label the controls put
// on the marker (liveEdit) equals the label the page gives the same edit read back from the run's
// edit log (editFromLog), after the real recorder logged it and the log went through a run file.
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeBackend } from '../../node/backend';
import { RunRecorder } from '../../core/runs/replay';
import { describeEnvironment, encodeRunFile, parseRunFile } from '../../core/runs/runfile';
import { EDIT_SETTINGS, liveEdit, type EditSetting } from '../../core/settings';
import { defaultConfig } from '../../core/train/config';
import { randomTeacher, smallEmbedded } from '../../core/train/fixtures.test-util';
import { Trainer } from '../../core/train/trainer';
import { editFromLog } from './lab-store';

/** A value each live setting accepts, other than its default. */
const NEW_VALUE: Record<EditSetting, number> = {
  lr: 0.02, temperature: 2, gamma: 0.5, metaLr: 0.002, mu: 0.5, metaInterval: 3, 'betas.kd': 0.5, 'betas.fitnet': 2, 'betas.at': 50,
};

beforeAll(async () => {
  await startNodeBackend('cpu');
});

describe('edit markers', () => {
  it('label every live setting the same live and reloaded from the run file', async () => {
    expect(Object.keys(NEW_VALUE).sort()).toEqual([...EDIT_SETTINGS].sort());
    const trainer = await Trainer.create({ config: defaultConfig({ cold: { method: 'hkd', seed: 3, batchSize: 8, metaBatchSize: 8, probeCount: 8 } }), dataset: await smallEmbedded(64, 16), teacher: randomTeacher() });
    const rec = new RunRecorder(trainer);
    const live = EDIT_SETTINGS.map((s) => liveEdit(s, NEW_VALUE[s]));
    for (const e of live) rec.setHot(e.changed);
    const run = parseRunFile(encodeRunFile(rec.runFile(describeEnvironment('cpu'))), 'run.json');
    trainer.dispose();
    const reloaded = run.edits.map((e, i) => editFromLog(e, i));
    expect(reloaded.map((m) => m.label)).toEqual(live.map((e) => e.label));
    expect(reloaded.map((m) => m.changed)).toEqual(live.map((e) => e.changed));
    // The short labels, not the setting paths.
    expect(live.find((e) => 'temperature' in e.changed)?.label).toBe('T=2');
  });
});
