// Every method is the same training step with different loss terms and weights (HKD.md §2, §6):
// the hints it uses, and whether their per-instance weights are fixed at 1 or come from the
// meta-weight network (with or without ensembling).
import type { HintId, MethodId } from '../train/config';

export type Weighting = 'fixed' | 'meta';

export interface MethodSpec {
  id: MethodId;
  label: string;
  /** Plain-language summary for the lab. */
  description: string;
  hints: HintId[];
  weighting: Weighting;
  /** Whether ṽ is smoothed over history (HKD) or is the raw v (the ablation). */
  ensemble: boolean;
}

export const METHOD_SPECS: Record<MethodId, MethodSpec> = {
  ce: {
    id: 'ce',
    label: 'CE only',
    description: 'The student learns from the labels alone, with no teacher (the baseline).',
    hints: [],
    weighting: 'fixed',
    ensemble: false,
  },
  kd: {
    id: 'kd',
    label: 'KD',
    description: "The student also matches the teacher's softened predictions (Hinton et al.).",
    hints: ['kd'],
    weighting: 'fixed',
    ensemble: false,
  },
  fitnet: {
    id: 'fitnet',
    label: 'FitNet + CE',
    description: "The student's feature map, through a learned regressor, imitates the teacher's.",
    hints: ['fitnet'],
    weighting: 'fixed',
    ensemble: false,
  },
  multi: {
    id: 'multi',
    label: 'Fixed multi-hint',
    description: 'KD, FitNet and attention transfer together, each with one fixed weight for every instance.',
    hints: ['kd', 'fitnet', 'at'],
    weighting: 'fixed',
    ensemble: false,
  },
  'hkd-noens': {
    id: 'hkd-noens',
    label: 'HKD without ensembling',
    description: 'A meta-weight network sets each hint’s weight per instance; its raw, noisy output is used directly.',
    hints: ['kd', 'fitnet', 'at'],
    weighting: 'meta',
    ensemble: false,
  },
  hkd: {
    id: 'hkd',
    label: 'HKD',
    description: 'Per-instance hint weights from the meta-weight network, smoothed over time by weight ensembling.',
    hints: ['kd', 'fitnet', 'at'],
    weighting: 'meta',
    ensemble: true,
  },
};

export function methodSpec(id: MethodId): MethodSpec {
  const m = METHOD_SPECS[id];
  if (!m) throw new Error(`unknown method "${id}"; choose one of ${Object.keys(METHOD_SPECS).join(', ')}`);
  return m;
}
