// Hooks end-to-end tests read from `window.__hkdLab` (declared in charts/chart-clock.ts; added
// to here by interface merging so that file stays as it is).
import type { DeathAction } from './contract';
import { killWorker, terminateWorker, workerDeadline, type predictWithStudent } from './store/actions';
import { importerDeadline, killImporter, terminateImporter } from './store/library';

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
    trainingWorker?: WorkerKiller;
    importWorker?: WorkerKiller;
  }
}

/** Adds the worker killers to `window.__hkdLab` (after the chart clock created it). */
export function addWorkerHooks(stats: NonNullable<Window['__hkdLab']>) {
  stats.trainingWorker = { kill: killWorker, terminate: terminateWorker, deadlineMs: workerDeadline };
  stats.importWorker = { kill: killImporter, terminate: terminateImporter, deadlineMs: importerDeadline };
}
