// The worker's run logs (core/runs/run-log.ts), one per run trained in lockstep. Each step's
// report is appended as it comes; a flush posts the rows the page does not have yet as one chunk
// per run, sliced from the log, so the page's log holds exactly the worker's rows. Saves and
// exports read the logs, which are always up to the last step.
import { RunLog, chunkOfReports, type RunChunk } from '../../core/runs/run-log';
import type { HintId } from '../../core/train/config';
import type { StepReport } from '../../core/train/report';

export class RunLogs {
  readonly logs: RunLog[];
  /** Rows of each log the page has (sent in a chunk, or in the 'ready' history). */
  private sent: number[];

  /** Saved logs (a reopened run) continue from `step`: later rows were trained after its checkpoint. */
  constructor(hints: readonly HintId[][], saved: (RunLog | undefined)[] = [], step = 0) {
    this.logs = hints.map((h, i) => {
      const s = saved[i];
      if (!s) return new RunLog(h);
      s.truncateFromStep(step);
      return s;
    });
    this.sent = this.logs.map((l) => l.length);
  }

  record(runId: number, r: StepReport): void {
    this.logs[runId].append(chunkOfReports(runId, [r]));
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
}
