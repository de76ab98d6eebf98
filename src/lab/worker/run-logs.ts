// The worker's run logs (core/runs/run-log.ts), one per run trained in lockstep. Each step's
// report is appended as it comes; a flush posts the rows the page does not have yet as one chunk
// per run, sliced from the log, so the page's log holds exactly the worker's rows. Saves and
// exports read the logs, which are always up to the last step.
import { RunLog, type RunChunk } from '../../core/runs/run-log';
import type { HintId } from '../../core/train/config';
import type { EvalReport, ProbeReport, StepReport } from '../../core/train/report';
import type { RunRecorder } from '../../core/runs/replay';
import type { RunEdit, RunFile } from '../../core/runs/runfile';
import type { HotSettings } from '../../core/settings';
import type { RunRecord } from '../../core/storage/run-store';
import { MAX_PROBE_SNAPSHOTS, type RunHistory, type WorkerEvent } from '../contract';
import { metricsEvent } from './exports';
import type { RunIdentity } from './persistence';

export class RunLogs {
  readonly logs: RunLog[];
  /** Rows of each log the page has (sent in a chunk, or in the 'ready' history). */
  private sent: number[];
  private readonly resumed: boolean;

  /** Saved logs (a reopened run) continue from `step`: later rows were trained after its checkpoint. */
  constructor(hints: readonly HintId[][], saved: (RunLog | undefined)[] = [], step = 0) {
    this.logs = hints.map((h, i) => {
      const s = saved[i];
      if (!s) return new RunLog(h);
      s.truncateFromStep(step);
      return s;
    });
    this.sent = this.logs.map((l) => l.length);
    this.resumed = saved.length > 0;
  }

  step(runId: number, r: StepReport): void {
    this.logs[runId].appendReport(r);
  }

  /** The rows not sent yet, one chunk per run that has some; they count as sent. */
  unsent(): RunChunk[] {
    const out = this.logs.flatMap((l, i) => (l.length > this.sent[i] ? [l.chunk(i, this.sent[i])] : []));
    this.sent = this.logs.map((l) => l.length);
    return out;
  }

  /** Every row, one chunk per run: a reopened run's past, for the page. */
  all(): RunChunk[] {
    return this.logs.map((l, i) => l.chunk(i));
  }

  /** Each run went back to `steps[i]` steps done (a rollback): later rows go, here and (by its own event) on the page. */
  rollBack(steps: number[]): void {
    this.logs.forEach((l, i) => {
      l.truncateFromStep(steps[i]);
      this.sent[i] = Math.min(this.sent[i], l.length);
    });
  }

  /** Recorded (copied), so call it before the post transfers the report's buffers. */
  probes(runId: number, p: ProbeReport): void {
    this.logs[runId].addProbes(p, MAX_PROBE_SNAPSHOTS);
  }

  evaluation(runId: number, e: EvalReport): void {
    this.logs[runId].addEval(e);
  }

  /** A saved run's past for the page (undefined for a new run). */
  history(startHot: HotSettings, edits: RunEdit[]): RunHistory | undefined {
    if (!this.resumed) return undefined;
    return {
      chunks: this.all(),
      evals: this.logs.flatMap((s, runId) => s.evals.map((e) => ({ runId, step: e.step, testAcc: e.testAcc, testLoss: e.testLoss, perClassAcc: Float32Array.from(e.perClassAcc) }))),
      startHot, edits,
      probes: this.logs.flatMap((s, runId) => s.probes.map((p) => ({ runId, step: p.step, v: Float32Array.from(p.v), vt: Float32Array.from(p.vt),
        // Runs saved before the step of each ṽ was kept: unknown (−1, as for a probe never seen).
        vtStep: p.vtStep ? Int32Array.from(p.vtStep) : new Int32Array(p.indices.length).fill(-1),
        losses: Float32Array.from(p.losses), preds: Int32Array.from(p.preds) }))),
    };
  }

  /** The record saved for the run (config, seed, edit log, logs); `lab` is the lab's notes. */
  record(id: RunIdentity, rf: RunFile, status: RunRecord['status'], lab: Record<string, unknown>): RunRecord {
    return {
      id: id.key, name: id.name, createdAt: id.createdAt, updatedAt: Date.now(),
      config: rf.config, seed: rf.seed, edits: rf.edits, series: this.logs[0], status,
      extra: { lab, series: this.logs.slice(1) },
    };
  }

  metricsFile(kind: 'csv' | 'json', labels: string[], hints: HintId[][], classNames: string[], rec: RunRecorder, backend: string, runName: string): WorkerEvent {
    return metricsEvent(kind, this.logs, labels, hints, classNames, rec, backend, runName);
  }
}
