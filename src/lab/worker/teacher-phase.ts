// The teacher phase for an imported dataset: a teacher is trained with cross-entropy (core
// TeacherTrainer, cosine schedule) as its own visible phase before distillation starts from it.
// TeacherPhaseRun trains; TeacherPhase is the session's phase around it (steps, flushes, ends).
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../../core/data/dataset';
import { serializeTensors } from '../../core/nn/serialize';
import { TeacherTrainer } from '../../core/train/teacher-trainer';
import type { Teacher } from '../../core/train/trainer';
import { DivergedError } from '../../core/train/errors';
import type { TeacherPhase as TeacherPhaseInfo } from '../contract';
import { FLUSH_MS, type Phase } from './phase';
import type { SessionCore } from './session-core';
import { teacherNetwork } from './stored-teacher';

export class TeacherPhaseRun {
  private readonly trainer: TeacherTrainer;
  private pending: number[][] = [];
  readonly label: string;

  constructor(presetId: string, private readonly dataset: Dataset, seed: number, readonly totalSteps: number, batchSize: number) {
    const network = teacherNetwork(presetId, dataset);
    this.trainer = new TeacherTrainer({ network, dataset, seed, totalSteps, batchSize, lr: 0.05 });
    this.label = `${network.spec.label ?? network.spec.id} on ${dataset.name} (${dataset.train.count} training images), ${totalSteps} steps`;
  }

  get steps(): number {
    return this.trainer.stepsDone;
  }

  get done(): boolean {
    return this.steps >= this.totalSteps;
  }

  info(state: TeacherPhaseInfo['state']): TeacherPhaseInfo {
    return { state, step: this.steps, totalSteps: this.totalSteps, label: this.label };
  }

  async trainStep(): Promise<void> {
    const r = await this.trainer.step();
    this.pending.push([r.step, r.loss, r.acc, r.lr]);
  }

  /** Rows since the last call, steps × TEACHER_COLUMNS. */
  takeRows(): Float64Array | null {
    if (!this.pending.length) return null;
    const rows = Float64Array.from(this.pending.flat());
    this.pending = [];
    return rows.length === 0 ? null : rows;
  }

  async evaluate(limit: number): Promise<number> {
    return (await this.trainer.evaluate(limit)).accuracy;
  }

  /** The trained teacher (fresh tensors; the trainer and its optimiser are disposed) and its weights file. */
  async finish(accuracy: number): Promise<{ teacher: Teacher; bytes: Uint8Array }> {
    try {
      const { params, state } = this.trainer.variables();
      const copy = (m: Record<string, tf.Variable>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, tf.clone(v)]));
      // tidy: a clone that fails (out of memory) frees the ones made before it.
      const copies = tf.tidy(() => ({ params: copy(params), state: copy(state) }));
      const teacher: Teacher = { network: this.trainer.opts.network, ...copies };
      try {
        const bytes = await serializeTensors(teacher.network.spec.id, teacher.params, teacher.state, { testAccuracy: accuracy, dataset: this.dataset.name, steps: this.steps });
        return { teacher, bytes };
      } catch (e) {
        tf.dispose([...Object.values(teacher.params), ...Object.values(teacher.state)]);
        throw e;
      }
    } finally {
      this.trainer.dispose();
    }
  }

  dispose(): void {
    this.trainer.dispose();
  }
}

/** The teacher phase in the session: `end` (measure, keep, build the students) ends it. */
export class TeacherPhase implements Phase {
  readonly kind = 'teacher';
  private lastFlush = 0;

  constructor(
    private readonly s: SessionCore,
    readonly run: TeacherPhaseRun,
    private readonly onEnd: () => Promise<void>,
  ) {}

  /** Stopped by hand or done: the students are built from the teacher as it is. */
  end(): Promise<void> {
    return this.onEnd();
  }

  started(): void {
    this.lastFlush = this.s.deps.clock();
  }

  async step(single: boolean): Promise<void> {
    const s = this.s;
    const tp = this.run;
    const cold = s.config!.cold;
    try {
      await tp.trainStep();
    } catch (e) {
      if (!(e instanceof DivergedError)) throw e;
      s.stopLoop();
      s.setState('paused');
      await this.flush();
      s.postStatus();
      s.post({ type: 'error', kind: 'diverged', step: 0, message: `The teacher's training diverged at step ${tp.steps}.`, advice: 'Stop the teacher phase to distil from it as it is, or reset with a smaller batch or another seed.' });
      return;
    }
    if (single || s.deps.clock() - this.lastFlush >= FLUSH_MS) await this.flush();
    if (cold.evalEvery > 0 && tp.steps % cold.evalEvery === 0 && !tp.done) s.post({ type: 'teacher-eval', step: tp.steps, testAcc: await tp.evaluate(cold.evalSize) });
    if (tp.done) await this.end();
    else if (single) s.postStatus();
  }

  async flush(): Promise<void> {
    const rows = this.run.takeRows();
    this.lastFlush = this.s.deps.clock();
    if (rows) this.s.post({ type: 'teacher-metrics', seq: this.s.gate.next(), rows });
    this.s.post({ type: 'teacher-phase', phase: this.run.info('training') });
  }

  async checkpoint(): Promise<void> {
    // No student yet: nothing to resume from but the start.
  }

  dispose(): void {
    this.run.dispose();
  }
}
