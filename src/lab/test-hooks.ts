// Hooks end-to-end tests read from `window.__hkdLab` (declared in charts/chart-clock.ts; added
// to here by interface merging so that file stays as it is).
import type { BackendPref } from './contract';
import type { predictWithStudent, setMemoryBudget } from './store/actions';

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
  }
}

export {};
