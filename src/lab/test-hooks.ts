// Hooks end-to-end tests read from `window.__hkdLab` (declared in charts/chart-clock.ts; added
// to here by interface merging so that file stays as it is).
import type { BackendPref, DeathAction } from './contract';
import { killWorker, terminateWorker, workerDeadline, type predictWithStudent, type setMemoryBudget } from './store/actions';
import { importerDeadline, killImporter, terminateImporter } from './store/library';
import { useStepTrace, type StepTraceEvent } from './store/step-trace';

/** Kills a worker, for e2e/worker-death.spec.ts: from inside (close, throw, reject) or from the page. */
export interface WorkerKiller {
  kill(action: DeathAction): void;
  terminate(): void;
  /** The silence its watchdog allows now (ms; NaN with no worker). */
  deadlineMs(): number;
}

declare module './charts/chart-clock' {
  interface LabStats {
    /** The lab student's logits for raw images: compared with an exported model. */
    predict?: typeof predictWithStudent;
    /** The worker's memory budget (bytes): a refusal tried on any machine (e2e/memory.spec.ts). */
    setMemoryBudget?: typeof setMemoryBudget;
    /** Overrides the start-up deadline (store/startup-watch.ts) so a test need not wait 60 s. */
    startupDeadlineMs?: number;
    /** Makes start-up on `backend` slow on purpose: the next worker on it blocks for `ms`. */
    stallStart?: { backend: BackendPref; ms: number };
    trainingWorker?: WorkerKiller;
    /** The last traced step as the worker reported it (e2e/step-through.spec.ts checks what is shown). */
    stepTrace?: () => StepTraceEvent | null;
    importWorker?: WorkerKiller;
  }
}

/** Adds the worker killers to `window.__hkdLab` (after the chart clock created it). */
export function addWorkerHooks(stats: NonNullable<Window['__hkdLab']>) {
  stats.trainingWorker = { kill: killWorker, terminate: terminateWorker, deadlineMs: workerDeadline };
  stats.importWorker = { kill: killImporter, terminate: terminateImporter, deadlineMs: importerDeadline };
  stats.stepTrace = () => useStepTrace.getState().event;
}
