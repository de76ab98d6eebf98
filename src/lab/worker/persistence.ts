// What the session keeps of a run: its identity in the run store (key, name, lease, saver) and its
// series, the recorded past of every run (steps, probes, evaluations). All series handling of the
// session is here: recording, the rollback cut, the history sent after a reload, the saved record
// and the metrics files.
import type { HintId } from '../../core/train/config';
import type { HotSettings } from '../../core/settings';
import type { EvalReport, ProbeReport, StepReport } from '../../core/train/report';
import type { RunFile, RunEdit } from '../../core/runs/runfile';
import type { RunRecorder } from '../../core/runs/replay';
import { RunLeases } from '../../core/storage/run-lease';
import type { RunRecord } from '../../core/storage/run-store';
import { emptySeries, recordEval, recordProbes, recordStep, type RunSeries } from '../../core/train/series';
import { MAX_PROBE_SNAPSHOTS, type RunHistory, type WorkerEvent } from '../contract';
import { metricsEvent } from './exports';
import { packSeries } from './pack';
import { cutAtRollback, truncateSeries } from './rollback';
import { RunSaver } from './run-saver';
import type { SessionDeps } from './session-deps';

export const newRunKey = () => `run-${Date.now().toString(36)}-${Math.floor(Math.random() * 36 ** 4).toString(36)}`;

/** The saved run the session writes into. */
export class RunIdentity {
  key = '';
  name = '';
  createdAt = 0;
  /** One writer per saved run across tabs; false while this run is shown read-only. */
  writable = true;
  readonly saver: RunSaver;
  readonly leases: RunLeases;

  constructor(deps: SessionDeps, onLost: (key: string) => void) {
    this.saver = new RunSaver(deps.store, deps.clock);
    this.leases = new RunLeases(deps.locks, onLost);
  }

  /** This tab may write the run now. */
  mayWrite(): boolean {
    return this.writable && this.leases.mayWrite(this.key);
  }
}

/** A saved record's series, one per run (the first run's in `series`, the others in `extra`). */
export function savedSeries(rec: RunRecord): RunSeries[] {
  return [rec.series, ...((rec.extra?.series as RunSeries[] | undefined) ?? [])];
}

/** Every run's series: continued from a saved run's (cut at the step it resumes from) or new. */
export class SeriesLog {
  private series: RunSeries[];
  private readonly resumed: boolean;

  constructor(runs: number, step: number, saved?: RunSeries[]) {
    this.series = Array.from({ length: runs }, (_, i) => (saved?.[i] ? truncateSeries(saved[i], step) : emptySeries()));
    this.resumed = !!saved;
  }

  step(runId: number, r: StepReport): void {
    recordStep(this.series[runId], r);
  }

  /** Recorded (copied), so call it before the post transfers the report's buffers. */
  probes(runId: number, p: ProbeReport): void {
    recordProbes(this.series[runId], p, MAX_PROBE_SNAPSHOTS);
  }

  evaluation(runId: number, e: EvalReport): void {
    recordEval(this.series[runId], e);
  }

  /** Drops the rows of steps rolled back (each run at `steps[i]`); returns the pending reports kept. */
  rollback(pending: StepReport[][], steps: number[]): StepReport[][] {
    const cut = cutAtRollback(this.series, pending, steps);
    this.series = cut.series;
    return cut.pending;
  }

  /** A saved run's past for the page (undefined for a new run). */
  history(hints: HintId[][], startHot: HotSettings, edits: RunEdit[]): RunHistory | undefined {
    if (!this.resumed) return undefined;
    return {
      chunks: this.series.map((s, runId) => packSeries(runId, s, hints[runId])),
      evals: this.series.flatMap((s, runId) => s.evals.map((e) => ({ runId, step: e.step, testAcc: e.testAcc, testLoss: e.testLoss, perClassAcc: Float32Array.from(e.perClassAcc) }))),
      startHot, edits,
      probes: this.series.flatMap((s, runId) => (s.probes ?? []).map((p) => ({ runId, step: p.step, v: Float32Array.from(p.v), vt: Float32Array.from(p.vt),
        // Runs saved before the step of each ṽ was kept: unknown (−1, as for a probe never seen).
        vtStep: p.vtStep ? Int32Array.from(p.vtStep) : new Int32Array(p.indices.length).fill(-1),
        losses: Float32Array.from(p.losses), preds: Int32Array.from(p.preds) }))),
    };
  }

  /** The record saved for the run (config, seed, edit log, series); `lab` is the lab's notes. */
  record(id: RunIdentity, rf: RunFile, status: RunRecord['status'], lab: Record<string, unknown>): RunRecord {
    return {
      id: id.key, name: id.name, createdAt: id.createdAt, updatedAt: Date.now(),
      config: rf.config, seed: rf.seed, edits: rf.edits, series: this.series[0], status,
      extra: { lab, series: this.series.slice(1) },
    };
  }

  metricsFile(kind: 'csv' | 'json', labels: string[], hints: HintId[][], classNames: string[], rec: RunRecorder, backend: string, runName: string): WorkerEvent {
    return metricsEvent(kind, this.series, labels, hints, classNames, rec, backend, runName);
  }
}
