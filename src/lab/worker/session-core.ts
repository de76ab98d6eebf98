// The session's state and its queue: everything that touches tfjs runs one at a time through
// `exclusive`, so a command never lands in the middle of a step; the run loop steps the current
// phase (teacher or distil) through the same queue while the state says 'running'.
import type * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../../core/data/dataset';
import { mergeHot, validateHot, type HotSettings } from '../../core/settings';
import { traceRefusal } from './trace-step';
import type { Teacher } from '../../core/train/trainer';
import type { RunState, WorkerEvent } from '../contract';
import type { LabConfig } from '../config/lab-config';
import { TEST_BUILD } from '../test-build';
import type { BackendChoice } from './backend';
import { CreditGate } from './credit';
import { DebugHooks } from './debug-hooks';
import type { DistilPhase } from './distil-phase';
import { FailureWatch, initFailureEvent } from './failure';
import { MemoryGuard } from './memory-guard';
import { RunIdentity } from './persistence';
import type { SessionDeps } from './session-deps';
import type { TeacherPhase } from './teacher-phase';
import { WarmupProgress } from './warmup-progress';

/** Metrics chunks the page may leave un-acked before the worker stops stepping. */
export const MAX_UNACKED = 3;

export interface ActiveTeacher {
  /** `${dataset}/${preset}` */
  key: string;
  teacher: Teacher;
  recordedAcc: number;
  source: string;
  /** Kept in IndexedDB for this dataset and preset (trained here or loaded from a file). */
  stored: boolean;
}

export function disposeTeacher(t: Teacher) {
  for (const v of [...Object.values(t.params), ...Object.values(t.state)]) (v as tf.Tensor).dispose();
}

/**
 * What the session is doing. 'running' names its loop (a loop ends once it is not the current
 * one); 'failed' is final: after a backend failure nothing runs, the page makes a new worker.
 */
export type SessionState =
  | { kind: 'loading' }
  | { kind: 'paused' }
  | { kind: 'stopped' }
  | { kind: 'running'; loop: number }
  | { kind: 'failed' };

export class SessionCore {
  config: LabConfig | null = null;
  backend: BackendChoice | null = null;
  dataset: Dataset | null = null;
  teacher: ActiveTeacher | null = null;
  phase: TeacherPhase | DistilPhase | null = null;
  /** Steps done at the last checkpoint (−1: none), named when the backend fails. */
  lastCheckpointStep = -1;
  /** Bumped by every start, stop and failure: work that outlives its generation does not restart. */
  generation = 0;
  private state: SessionState = { kind: 'loading' };
  private queue: Promise<unknown> = Promise.resolve();
  readonly gate = new CreditGate(MAX_UNACKED);
  readonly memory = new MemoryGuard();
  readonly warmup: WarmupProgress;
  readonly failure = new FailureWatch();
  readonly record: RunIdentity;
  /** Test builds only (the `debug` command). */
  readonly hooks: DebugHooks | null = TEST_BUILD ? new DebugHooks(this) : null;

  constructor(readonly deps: SessionDeps, onLeaseLost: (key: string) => void) {
    this.warmup = new WarmupProgress((ev) => this.post(ev));
    this.record = new RunIdentity(deps, onLeaseLost);
  }

  post(ev: WorkerEvent): void {
    this.deps.post(ev);
  }

  get step(): number {
    return this.distil?.stepsDone ?? 0;
  }

  /** The student runs, when they exist (not in the teacher phase). */
  get distil(): DistilPhase | null {
    return this.phase?.kind === 'distil' ? this.phase : null;
  }

  get runState(): RunState {
    return this.state.kind === 'failed' ? 'stopped' : this.state.kind;
  }

  get failed(): boolean {
    return this.state.kind === 'failed';
  }

  /** Any state but 'running' (start() runs a loop); a failed session stays failed. */
  setState(kind: 'loading' | 'paused' | 'stopped'): void {
    if (!this.failed) this.state = { kind };
  }

  postStatus(): void {
    this.post({ type: 'status', state: this.runState, step: this.step });
  }

  exclusive(fn: () => Promise<void> | void): Promise<void> {
    const p = this.queue.then(async () => {
      if (this.failed) return;
      try {
        await fn();
      } catch (e) {
        this.fail(e);
      }
    });
    this.queue = p;
    return p;
  }

  start(): void {
    if (this.state.kind !== 'paused' || !this.phase || this.refusedReadOnly()) return;
    this.state = { kind: 'running', loop: ++this.generation };
    this.postStatus();
    this.phase.started();
    void this.loop(this.generation);
  }

  /** Ends the run loop; a running session is paused. */
  stopLoop(): void {
    this.generation++;
    if (this.state.kind === 'running') this.state = { kind: 'paused' };
    this.gate.release();
  }

  pause(): void {
    if (this.state.kind !== 'running') return;
    this.stopLoop();
    void this.exclusive(async () => {
      await this.phase?.flush();
      this.postStatus();
      await this.phase?.checkpoint();
    });
  }

  private async loop(gen: number) {
    const live = () => this.state.kind === 'running' && this.state.loop === gen;
    while (live()) {
      await this.gate.wait();
      if (!live()) break;
      await this.exclusive(async () => {
        if (live()) await this.stepPhase(false);
      });
      await this.deps.yieldToEvents();
    }
  }

  /** One step of the current phase; run `traceRun` (a single step only) takes it traced. */
  async stepPhase(single: boolean, traceRun = -1): Promise<void> {
    if (this.state.kind === 'loading') return;
    await this.phase?.step(single, traceRun);
  }

  /** Tells the page, waiting for a traced step, why none will come. */
  refusedTrace(runId: number): boolean {
    const reason = traceRefusal({ state: this.runState, teacherPhase: this.phase?.kind === 'teacher', runs: this.distil?.trainers.length ?? 0 }, runId);
    if (reason) this.post({ type: 'trace-refused', runId, reason });
    return reason !== null;
  }

  /** Play and Step on a run another tab writes: refused with why (the page disables them too). */
  refusedReadOnly(): boolean {
    if (this.record.writable) return false;
    this.post({ type: 'error', kind: 'storage', step: this.step, message: 'This run is shown read-only here: another tab trains it, and only one tab may write a saved run.', advice: 'Take over to train it here, or train a copy.' });
    this.postStatus();
    return true;
  }

  /** Stops for good with a message; the page re-creates the worker to resume elsewhere. */
  fail(e: unknown): void {
    if (this.failed) return;
    this.state = { kind: 'failed' };
    this.generation++;
    this.gate.release();
    this.post(this.failure.event(e, this.backend?.name, this.step, this.lastCheckpointStep));
    this.postStatus();
  }

  /** Start-up failed (no backend, no dataset): nothing can run; the page offers a reload. */
  failToStart(e: unknown): void {
    this.state = { kind: 'failed' };
    this.post(initFailureEvent(e));
  }

  setHot(editId: number, hot: Partial<HotSettings>) {
    const distil = this.distil;
    if (distil) return distil.setHot(editId, hot);
    // Teacher phase: no student yet. The edit becomes the students' starting settings.
    if (!this.config) return;
    const problems = validateHot(hot);
    if (problems.length) return this.post({ type: 'error', kind: 'settings', editId, step: this.step, message: problems.join('; '), advice: 'The value was refused; nothing changed.' });
    this.config.hot = mergeHot(this.config.hot, hot);
    return this.post({ type: 'hot-applied', editId, step: 0, hot: this.config.hot, changed: hot });
  }
}
