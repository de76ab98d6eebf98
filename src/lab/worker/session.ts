// The worker's training session: commands from the page are dispatched here, onto the session's
// queue (session-core.ts) so that they never land in the middle of a step. The session owns the
// backend, the dataset, the teacher and the current phase: a teacher phase (teacher-phase.ts) or
// the student runs (distil-phase.ts). Its storage, backend and datasets are given (SessionDeps).
import type { TrainerCheckpoint } from '../../core/train/trainer';
import type { Command, ExportKind } from '../contract';
import { BUILTIN_DATASET, type LabConfig } from '../config/lab-config';
import { build } from './build';
import { predict } from './exports';
import { leaseLost, openRun, openRunFile, trainCopy } from './saved-runs';
import { SessionCore } from './session-core';
import type { SessionDeps } from './session-deps';
import { exportFile, forgetTeacher, loadTeacherFile } from './session-files';

const EXPORT_NAMES: Record<ExportKind, string> = {
  student: 'student model', teacher: 'teacher file', 'run-file': 'run file', 'metrics-csv': 'metrics CSV', 'metrics-json': 'metrics JSON',
};

export class Session {
  private readonly s: SessionCore;

  constructor(deps: SessionDeps) {
    const s: SessionCore = new SessionCore(deps, (key) => leaseLost(s, key));
    this.s = s;
  }

  handle(cmd: Command): void {
    const s = this.s;
    switch (cmd.type) {
      case 'init':
        void s.exclusive(() => this.init(cmd.config, cmd.resume?.checkpoints, cmd.resume?.runKey));
        break;
      case 'start':
        s.start();
        break;
      case 'pause':
        s.pause();
        break;
      case 'step':
        if (s.runState !== 'running' && !s.refusedReadOnly()) void s.exclusive(() => s.stepPhase(true));
        break;
      case 'trace-step':
        // Paused runs only: the traced step is the run's next step, committed like a single step.
        // Asked again in turn: a command queued before this one may have changed the state.
        if (!s.refusedTrace(cmd.runId) && !s.refusedReadOnly()) {
          void s.exclusive(async () => {
            if (!s.refusedTrace(cmd.runId)) await s.stepPhase(true, cmd.runId);
          });
        }
        break;
      case 'reset':
        s.stopLoop();
        void s.exclusive(() => build(s, cmd.config));
        break;
      case 'set-hot':
        void s.exclusive(async () => s.setHot(cmd.editId, cmd.hot));
        break;
      case 'evaluate':
        void s.exclusive(() => s.distil?.evaluate());
        break;
      case 'ack':
        s.gate.ack(cmd.seq);
        break;
      case 'checkpoint':
        void s.exclusive(() => s.distil?.checkpoint());
        break;
      case 'debug':
        s.hooks?.handle(cmd);
        break;
      case 'open-run':
        void s.exclusive(async () => void (await openRun(s, cmd.id, cmd.backend)));
        break;
      case 'take-over':
        void s.exclusive(async () => void (await openRun(s, cmd.id, cmd.backend, false, 'steal')));
        break;
      case 'train-copy':
        void s.exclusive(() => trainCopy(s));
        break;
      case 'forget-teacher':
        void s.exclusive(() => forgetTeacher(s));
        break;
      case 'stop-teacher':
        void s.exclusive(async () => {
          if (s.phase?.kind === 'teacher') await s.phase.end();
        });
        break;
      case 'load-teacher':
        void s.exclusive(() => loadTeacherFile(s, cmd.name, cmd.bytes));
        break;
      case 'export':
        void s.exclusive(async () => {
          try {
            await exportFile(s, cmd.what, cmd.runId);
          } catch (e) {
            // A lost device still stops the lab; anything else only fails this export.
            if (s.failure.deviceLost) throw e;
            s.post({ type: 'error', kind: 'file', step: s.step, message: `The ${EXPORT_NAMES[cmd.what]} could not be exported: ${(e as Error)?.message ?? e}.`, advice: 'Nothing was exported; training is unaffected.' });
          }
        });
        break;
      case 'open-run-file':
        void s.exclusive(() => openRunFile(s, cmd.name, cmd.text));
        break;
      case 'predict':
        void s.exclusive(async () => {
          const t = s.distil?.trainers[cmd.runId];
          if (!t || !s.dataset) return s.post({ type: 'predictions', requestId: cmd.requestId, logits: new Float32Array(0), error: 'no student yet' });
          try {
            s.post({ type: 'predictions', requestId: cmd.requestId, logits: await predict(t, s.dataset, cmd.images, cmd.count) });
          } catch (e) {
            s.post({ type: 'predictions', requestId: cmd.requestId, logits: new Float32Array(0), error: (e as Error).message });
          }
        });
        break;
    }
  }

  private async init(config: LabConfig, resume?: TrainerCheckpoint[], runKey?: string) {
    const s = this.s;
    try {
      s.post({ type: 'progress', phase: 'Starting the TensorFlow.js backend…' });
      s.backend = await s.deps.backend.choose(config.backend);
      s.failure.watch(s.deps.backend.device(), (e) => s.fail(e));
      s.post({ type: 'progress', phase: 'Loading the dataset…' });
      await s.deps.loadDataset(config.cold.dataset).catch(() => s.deps.loadDataset(BUILTIN_DATASET));
    } catch (e) {
      s.failToStart(e);
      return;
    }
    // A saved run continues with its series and edit log; otherwise from the page's checkpoint.
    // The page's own run (its old worker, just ended, may not have let go of it yet).
    if (runKey && (await openRun(s, runKey, config.backend, true, 'steal'))) return;
    await build(s, config, { resume });
  }
}
