// What the worker changes when a trainer rolls back after a divergence, beside the run logs (their
// rows of the steps that blew up go: worker/run-logs.ts), so the saved run and the step count
// agree with the state the trainer went back to.
import type { RunEdit } from '../../core/runs/runfile';

/**
 * Edits made during the dropped steps are still in effect (the hot settings are not rolled back),
 * so the edit log moves them to the step the run continues from: a replay then applies them there.
 */
export function clampEdits(edits: RunEdit[], step: number): void {
  for (const e of edits) if (e.step > step) e.step = step;
}
