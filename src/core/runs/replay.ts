// Recording live edits during a run, and replaying a run from its file: the same Trainer, the
// same seed, each edit applied before the step it was made at. On the same backend the losses
// are identical (see replay.test.ts).
import type { Dataset } from '../data/dataset';
import type { HotSettings } from '../train/config';
import type { StepReport } from '../train/report';
import { Trainer, type Teacher } from '../train/trainer';
import { describeEnvironment, makeRunFile, type EditSetting, type RunEdit, type RunEnvironment, type RunFile } from './runfile';
import { editToPartial, flattenHot } from '../settings/edits';
import { EditSchedule } from './edit-schedule';

// Flat edit paths and partial changes are the settings schema's (tfjs-free: the page uses them).
export { editToPartial, flattenHot } from '../settings/edits';

/** Wraps a trainer's setHot so every live edit is logged (one entry per changed setting). */
export class RunRecorder {
  readonly edits: RunEdit[] = [];
  readonly initialHot: HotSettings;

  constructor(readonly trainer: Trainer) {
    this.initialHot = trainer.hotSettings;
  }

  /** Applies the change (validated by the trainer; nothing is logged when it throws). */
  setHot(partial: Partial<HotSettings>): HotSettings {
    const before = flattenHot(this.trainer.hotSettings);
    const after = flattenHot(this.trainer.setHot(partial));
    for (const k of Object.keys(after) as EditSetting[]) {
      if (after[k] !== before[k]) this.edits.push({ step: this.trainer.stepsDone, setting: k, from: before[k], to: after[k] });
    }
    return this.trainer.hotSettings;
  }

  runFile(environment: RunEnvironment = describeEnvironment(), notes?: Record<string, string>): RunFile {
    return makeRunFile({ cold: this.trainer.config.cold, hot: this.initialHot }, this.edits, this.trainer.stepsDone, environment, notes);
  }
}

export interface ReplayDeps {
  dataset: Dataset;
  teacher: Teacher;
}

export interface Replay {
  trainer: Trainer;
  /** Step reports of the re-run, up to `steps` (default: the file's step count). Edits are applied before their step. */
  steps(steps?: number): AsyncGenerator<StepReport>;
}

/** Creates the Trainer from the run file's configuration. The caller disposes `trainer`. */
export async function replay(run: RunFile, deps: ReplayDeps): Promise<Replay> {
  const trainer = await Trainer.create({ config: structuredClone(run.config), dataset: deps.dataset, teacher: deps.teacher });
  const schedule = new EditSchedule(run.edits);
  return {
    trainer,
    async *steps(steps = run.steps) {
      while (trainer.stepsDone < steps) {
        for (const e of schedule.due(trainer.stepsDone)) trainer.setHot(editToPartial(e));
        yield await trainer.step();
      }
    },
  };
}
