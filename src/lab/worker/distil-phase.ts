// The distil phase: one trainer per student run (several in compare mode, stepped in lockstep on
// identical batches: same seed, same data stream), with each run's edit log (recorder) and
// series. Steps, flushes reports to the page, checkpoints and saves; replays a run file's edits.
import { editLabel, EditSchedule } from '../../core/runs/edit-schedule';
import { editToPartial, type RunRecorder } from '../../core/runs/replay';
import type { RunEdit } from '../../core/runs/runfile';
import type { HotSettings } from '../../core/settings';
import { DivergedError, SettingsError } from '../../core/train/errors';
import type { StepReport } from '../../core/train/report';
import type { Trainer, TrainerCheckpoint } from '../../core/train/trainer';
import type { RunInfo, WorkerEvent } from '../contract';
import type { RunLogs } from './run-logs';
import { FLUSH_MS, type Phase } from './phase';
import { clampEdits } from './rollback';
import type { SessionCore } from './session-core';
import { tracedStep } from './trace-step';

/** A run file being replayed: its edits land at their steps, and it pauses at its last step. */
interface Replay {
  file: string;
  schedule: EditSchedule;
  steps: number;
  edits: number;
}

export class DistilPhase implements Phase {
  readonly kind = 'distil';
  private replay: Replay | null = null;
  private replayEditId = 0;
  /** The last step diverged (saved as the run's status). */
  private diverged = false;
  private lastFlush = 0;
  private stepsSinceFlush = 0;
  private stepsPerSec = 0;
  private probesDue = false;
  private evalDue = false;

  constructor(
    private readonly s: SessionCore,
    readonly trainers: Trainer[],
    readonly recorders: RunRecorder[],
    readonly log: RunLogs,
    readonly runs: RunInfo[],
  ) {
  }

  get stepsDone(): number {
    return this.trainers[0]?.stepsDone ?? 0;
  }

  get replaying(): boolean {
    return this.replay !== null;
  }

  startReplay(file: string, edits: RunEdit[], steps: number): void {
    this.replay = { file, schedule: new EditSchedule(edits), steps, edits: edits.length };
    this.s.post({ type: 'replay', file, steps, edits: edits.length, state: 'running' });
  }

  started(): void {
    this.lastFlush = this.s.deps.clock();
    this.stepsSinceFlush = 0;
  }

  /** One step of every run; run `traceRun` (a single step only) takes it with its stages traced. */
  async step(single: boolean, traceRun = -1): Promise<void> {
    const s = this.s;
    if (this.replay) this.applyReplayEdits();
    s.warmup.beforeStep();
    let traced: WorkerEvent | null = null;
    try {
      for (const [i, t] of this.trainers.entries()) {
        s.hooks?.beforeRunStep();
        let r: StepReport;
        if (i === traceRun) ({ report: r, event: traced } = await tracedStep(t, i, s.dataset!.classNames));
        else r = await t.step();
        this.log.step(i, r);
      }
    } catch (e) {
      if (e instanceof DivergedError) return this.divergedAt(e);
      throw e;
    }
    this.diverged = false;
    this.stepsSinceFlush++;
    const cold = s.config!.cold;
    if (cold.probeEvery > 0 && this.stepsDone % cold.probeEvery === 0) this.probesDue = true;
    if (cold.evalEvery > 0 && this.stepsDone % cold.evalEvery === 0) this.evalDue = true;
    if (single || s.deps.clock() - this.lastFlush >= FLUSH_MS) await this.flush(single);
    // After the metrics: the page has the step's row when it shows its stages.
    if (traced) s.post(traced);
    if (single) s.postStatus();
    if (this.replay && this.stepsDone >= this.replay.steps) {
      // The recorded run ends here: stop, so the replayed curves can be compared with the original.
      const r = this.replay;
      this.replay = null;
      s.stopLoop();
      s.setState('paused');
      await this.flush();
      s.postStatus();
      s.post({ type: 'replay', file: r.file, steps: r.steps, edits: r.edits, state: 'done' });
      await this.checkpoint();
      return;
    }
    // Single steps save too (throttled the same way): stepping by hand is work worth keeping.
    if (s.record.saver.due(s.record.key)) await this.checkpoint(true);
  }

  private async divergedAt(e: DivergedError) {
    const s = this.s;
    this.diverged = true;
    s.stopLoop();
    s.setState('paused');
    const back = e.rolledBackTo !== undefined;
    if (back) this.rolledBack();
    await this.flush();
    s.postStatus();
    s.post({ type: 'error', kind: 'diverged', step: this.stepsDone, message: e.message, advice: 'Lower the learning rate or the hint scales β, then press play to continue.' });
    // The saved run must continue from the healthy state, not from a save taken during the blow-up.
    if (back) await this.checkpoint();
  }

  /**
   * A run file's edits due before the next step, applied to every run and shown as markers. An edit
   * the settings refuse (a hand-edited file) ends the replay with a message naming it.
   */
  private applyReplayEdits() {
    const replay = this.replay!;
    for (const e of replay.schedule.due(this.stepsDone)) {
      const changed = editToPartial(e);
      let hot: HotSettings;
      try {
        hot = this.applyHot(changed);
      } catch (err) {
        if (!(err instanceof SettingsError)) throw err;
        this.replay = null;
        this.s.post({ type: 'replay', file: replay.file, steps: this.stepsDone, edits: replay.edits, state: 'done' });
        this.s.post({ type: 'error', kind: 'file', step: this.stepsDone, message: `${replay.file}: the edit ${e.setting} = ${e.to} at step ${e.step} was refused (${err.message}).`, advice: 'The replay stopped here; the run goes on with the settings it has.' });
        return;
      }
      this.s.config!.hot = hot;
      this.s.post({ type: 'hot-applied', editId: -++this.replayEditId, step: this.stepsDone, hot, changed, label: editLabel(e) });
    }
  }

  /** Validated by the first run; the same values then apply to every run. Throws SettingsError. */
  private applyHot(hot: Partial<HotSettings>): HotSettings {
    let applied = this.recorders[0].setHot(hot);
    for (const r of this.recorders.slice(1)) applied = r.setHot(hot);
    return applied;
  }

  /** A trainer rolled back after a divergence: drop the blown-up steps here and on the page. */
  private rolledBack() {
    const steps = this.trainers.map((t) => t.stepsDone);
    this.log.rollBack(steps);
    this.recorders.forEach((r, i) => clampEdits(r.edits, steps[i]));
    this.s.post({ type: 'rolled-back', steps });
  }

  /** Sends the rows the page does not have yet (a chunk per run), then probes and an evaluation when due. */
  async flush(forceProbes = false): Promise<void> {
    const s = this.s;
    const t = s.deps.clock();
    const dt = (t - this.lastFlush) / 1000;
    const running = s.runState === 'running';
    if (running && dt > 0 && this.stepsSinceFlush > 0) {
      const rate = this.stepsSinceFlush / dt;
      this.stepsPerSec = this.stepsPerSec ? 0.6 * this.stepsPerSec + 0.4 * rate : rate;
    }
    this.lastFlush = t;
    this.stepsSinceFlush = 0;
    const runs = this.log.unsent();
    if (runs.length) {
      s.post({ type: 'metrics', seq: s.gate.next(), step: this.stepsDone, stepsPerSec: running ? this.stepsPerSec : 0, runs });
    }
    if (this.probesDue || forceProbes) await this.sendProbes();
    if (this.evalDue) await this.evaluate();
  }

  async sendProbes(): Promise<void> {
    this.probesDue = false;
    for (const [runId, t] of this.trainers.entries()) {
      const p = await t.probes();
      this.log.probes(runId, p);
      this.s.post({ type: 'probes', runId, step: p.step, v: p.v, vt: p.vt, vtStep: p.vtStep, losses: p.losses, preds: p.preds });
    }
  }

  async evaluate(): Promise<void> {
    this.evalDue = false;
    for (const [runId, t] of this.trainers.entries()) {
      const e = await t.evaluate();
      this.log.evaluation(runId, e);
      this.s.post({ type: 'evaluation', runId, step: e.step, testAcc: e.testAcc, testLoss: e.testLoss, perClassAcc: e.perClassAcc });
    }
  }

  /** A live edit from the page, applied from the next step of every run. */
  setHot(editId: number, hot: Partial<HotSettings>): void {
    try {
      const applied = this.applyHot(hot);
      this.s.config!.hot = applied;
      this.s.post({ type: 'hot-applied', editId, step: this.stepsDone, hot: applied, changed: hot });
    } catch (e) {
      if (!(e instanceof SettingsError)) throw e;
      this.s.post({ type: 'error', kind: 'settings', editId, step: this.stepsDone, message: e.message, advice: 'The value was refused; nothing changed.' });
    }
  }

  private async checkpoints(): Promise<TrainerCheckpoint[]> {
    const checkpoints: TrainerCheckpoint[] = [];
    for (const t of this.trainers) checkpoints.push(await t.checkpoint());
    return checkpoints;
  }

  /** Checkpoints every run, saves the run (IndexedDB), then tells the page (which may resume from it). */
  async checkpoint(background = false): Promise<void> {
    const s = this.s;
    if (!s.config) return;
    const checkpoints = await this.checkpoints();
    s.lastCheckpointStep = this.stepsDone;
    // While training, the write goes on beside the next steps (the saver keeps writes in order).
    if (background) void this.save(checkpoints);
    else await this.save(checkpoints);
    s.post({ type: 'checkpoint', step: this.stepsDone, config: structuredClone(s.config), checkpoints });
  }

  /** Saves the run's record (config, seed, edit log, series) with its checkpoints; nothing before step 1. */
  async save(checkpoints?: TrainerCheckpoint[]): Promise<void> {
    const s = this.s;
    const id = s.record;
    if (!s.config || this.stepsDone === 0 || s.failed || !id.mayWrite()) return;
    checkpoints ??= await this.checkpoints();
    const rf = this.recorders[0].runFile({ backend: s.backend?.name ?? '', userAgent: '', libraries: {}, date: '' });
    const lab = { compare: s.config.compare, teacherSteps: s.config.teacherSteps, labels: this.runs.map((r) => r.label), dataset: s.dataset?.name, teacher: s.teacher?.source, teacherAcc: this.trainers[0].teacherAccuracy, backend: s.backend?.name };
    // Never 'running': after a reload nothing is, and the list must not say so.
    const r = await id.saver.save(this.log.record(id, rf, this.diverged ? 'diverged' : 'paused', lab), checkpoints);
    s.post({ type: 'saved', runKey: id.key, step: checkpoints[0].step, ...(r.ok ? {} : { problem: r.problem }) });
  }

  dispose(): void {
    for (const t of this.trainers) t.dispose();
  }
}
