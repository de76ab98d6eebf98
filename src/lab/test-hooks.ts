// Hooks end-to-end tests read from `window.__hkdLab` (declared in charts/chart-clock.ts; added
// to here by interface merging so that file stays as it is).
import type { predictWithStudent, setMemoryBudget } from './store/actions';

declare module './charts/chart-clock' {
  interface LabStats {
    /** The lab student's logits for raw images: compared with an exported model. */
    predict?: typeof predictWithStudent;
    /** The worker's memory budget (bytes): a refusal tried on any machine (e2e/memory.spec.ts). */
    setMemoryBudget?: typeof setMemoryBudget;
  }
}

export {};
