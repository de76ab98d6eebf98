// What the page says and does when the training worker is gone (worker-link/watchdog.ts): the run
// stops, the notice says what happened, and the run can continue from its last save in a new
// worker. Pure functions of the store's state, so the wording and the step offered are unit-tested.
import type { Death, DeathCause } from '../worker-link/watchdog';
import type { LabState, SaveState } from './lab-store';

const CAUSES: Record<DeathCause, (detail: string) => string> = {
  silent: (d) => `it stopped answering (${d}); the browser may have closed it, for example to free memory`,
  error: (d) => `it failed with an error: ${d}`,
  messageerror: (d) => `${d}`,
  crashed: (d) => `it reported ${d}`,
};

/**
 * The save a new worker continues from: the last one written for the run shown. `stored` is the
 * step that storage holds for it (the saved runs list, re-read after the death): a save can land
 * after the last one the page was told of (the worker died before it could say so).
 */
export function continuePoint(s: Pick<LabState, 'lastGoodSave' | 'runKey'>, stored?: number): SaveState | null {
  const reported = s.lastGoodSave && s.lastGoodSave.runKey === s.runKey ? s.lastGoodSave.step : 0;
  const step = Math.max(reported, stored ?? 0);
  return s.runKey && step > 0 ? { runKey: s.runKey, step } : null;
}

/** The run stops at once (Play is disabled); the notice follows once storage was re-read. */
export const stopped = (): Partial<LabState> => ({ runState: 'stopped', stepsPerSec: 0, phase: '' });

/** The store after the training worker's death. */
export function afterDeath(s: LabState, d: Death, stored?: number): Partial<LabState> {
  const at = continuePoint(s, stored);
  return {
    ...stopped(),
    notice: {
      kind: 'worker',
      message: `The training worker is gone at step ${s.step}: ${CAUSES[d.cause](d.detail)}. Training has stopped.`,
      advice: at
        ? `Continue from the last save (step ${at.step}) with the button below, without reloading. The steps after it are lost and will be trained again.`
        : 'Nothing was saved yet: start again with the same settings with the button below.',
    },
  };
}

/** After "Continue": the run that came back is not the saved one (its record or checkpoint could not be read). */
export function continueFailedNotice(at: SaveState) {
  return {
    kind: 'storage' as const,
    message: `The last save (step ${at.step}) could not be read back, so the run started again from step 0 with the same settings.`,
    advice: 'The saved run may still be listed under Saved runs.',
  };
}
