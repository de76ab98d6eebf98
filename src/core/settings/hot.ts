// Hot settings change between steps and keep the optimiser's state (live edits).
import { numberSetting } from './define';
import { methodCoefficients } from './coefficients';
import { HINTS, type HintId } from './ids';
import type { Setting } from './define';

const HKD = methodCoefficients('hkd');

export const HOT = {
  lr: numberSetting({
    min: 1e-5, max: 2, label: 'learning rate', short: 'lr', default: 0.05,
    help: "The student's step size α (SGD with momentum). A live edit of the learning rate sets the schedule's base value.",
  }),
  temperature: numberSetting({ min: 0.5, max: 20, label: 'temperature T', short: 'T', default: 4, help: "Softens the teacher's and the student's predictions for KD." }),
  gamma: numberSetting({ min: 0, max: 10, label: 'CE weight γ', short: 'γ', default: HKD.gamma, help: 'Weight of the label (cross-entropy) loss.' }),
  metaLr: numberSetting({ min: 0, max: 1, label: 'meta learning rate η', short: 'η', default: 1e-3, help: 'How fast the meta-weight network learns (Adam).' }),
  mu: numberSetting({ min: 0, max: 0.999, label: 'ensembling momentum μ', short: 'μ', default: 0.6, help: 'Memory of past weights (0: none).' }),
  metaInterval: numberSetting({ min: 1, max: 1000, integer: true, label: 'meta interval', short: 'm', default: 1, help: 'A meta step every m-th step.' }),
};

/** β_k, the base scale of each hint's loss. */
export const BETAS = Object.fromEntries(
  HINTS.map((h) => [h, numberSetting({ min: 0, max: 10_000, label: `β for ${h}`, short: `β${h}`, default: HKD.betas[h], help: `Base scale of the ${h} hint's loss.` })]),
) as Record<HintId, Setting<number>>;
