// Learning-rate schedules (HKD.md §7): every KD benchmark decays the learning rate, and the final
// accuracy is read at a small one. The schedule scales a base rate, so a live edit of the learning
// rate sets the base and the decay goes on from there.
import type { LrSchedule } from '../settings/ids';

/** RepDistiller decays ×0.1 at epochs 150, 180 and 210 of 240: these fractions of the run. */
export const STEP_MILESTONES = [0.625, 0.75, 0.875];

/** The factor on the base rate after `stepsDone` of `totalSteps` steps (constant past the end). */
export function lrFactor(schedule: LrSchedule, stepsDone: number, totalSteps: number): number {
  const p = Math.min(1, Math.max(0, stepsDone / Math.max(1, totalSteps)));
  switch (schedule) {
    case 'cosine':
      return 0.5 * (1 + Math.cos(Math.PI * p));
    case 'step':
      return 0.1 ** STEP_MILESTONES.filter((m) => p >= m).length;
    case 'constant':
      return 1;
  }
}
