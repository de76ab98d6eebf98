// Training configuration: hot settings change between steps and keep optimiser state;
// cold settings define the run and need a reset.

export const HINTS = ['kd', 'fitnet', 'at'] as const;
export type HintId = (typeof HINTS)[number];

export const METHODS = ['ce', 'kd', 'fitnet', 'multi', 'hkd-noens', 'hkd'] as const;
export type MethodId = (typeof METHODS)[number];

export const META_INPUTS = ['losses', 'progress', 'teacherConf', 'studentCorrect'] as const;
export type MetaInput = (typeof META_INPUTS)[number];

export type EnsembleKind = 'instance' | 'param';

export const WEIGHT_NORMS = ['joint', 'per-hint', 'none'] as const;
/** How V_Θ's outputs are normalised over the batch (HKD.md §3). */
export type WeightNorm = (typeof WEIGHT_NORMS)[number];

export { LR_SCHEDULES, type LrSchedule } from '../optim/schedule';
import type { LrSchedule } from '../optim/schedule';

export interface HotSettings {
  /** Student learning rate α (SGD with momentum). */
  lr: number;
  /** KD temperature T. */
  temperature: number;
  /** Base scale β_k of each hint. */
  betas: Record<HintId, number>;
  /** Fixed weight of the cross-entropy term. */
  gamma: number;
  /** Meta-network learning rate η (Adam). */
  metaLr: number;
  /** Ensembling momentum μ. */
  mu: number;
  /** A meta step every m-th step. */
  metaInterval: number;
}

export interface ColdSettings {
  preset: string;
  dataset: string;
  method: MethodId;
  seed: number;
  batchSize: number;
  /** Size of each meta batch M. */
  metaBatchSize: number;
  ensemble: EnsembleKind;
  metaInputs: MetaInput[];
  augment: boolean;
  /** Evaluate on the test split every this many steps (0: never by itself). */
  evalEvery: number;
  /** Test instances per evaluation (0: the whole split). */
  evalSize: number;
  /** Report probe weights every this many steps. */
  probeEvery: number;
  probeCount: number;
  /** Total steps the run aims for; used for t/T_total and the schedule display. */
  totalSteps: number;
  momentum: number;
  weightDecay: number;
  /** The learning-rate schedule over totalSteps; hot.lr is its base value. */
  lrSchedule: LrSchedule;
  /** Normalisation of the meta-weights over the batch (HKD.md §3). */
  weightNorm: WeightNorm;
  /** Training images held out as the validation split (fixed seed, per class). */
  valSize: number;
  /** Training images whose batch-norm statistics evaluations use (0: the running averages). */
  bnStatsSize: number;
}

export interface TrainConfig {
  cold: ColdSettings;
  hot: HotSettings;
}

export const DEFAULT_HOT: HotSettings = {
  lr: 0.05,
  temperature: 4,
  betas: { kd: 0.9, fitnet: 100, at: 1000 },
  gamma: 0.1,
  metaLr: 1e-3,
  mu: 0.6,
  metaInterval: 1,
};

export const DEFAULT_COLD: ColdSettings = {
  preset: 'cnn',
  dataset: 'fashion-mnist',
  method: 'hkd',
  seed: 1,
  batchSize: 32,
  metaBatchSize: 32,
  ensemble: 'instance',
  metaInputs: ['losses', 'progress'],
  augment: true,
  evalEvery: 100,
  evalSize: 0,
  probeEvery: 10,
  probeCount: 64,
  totalSteps: 2000,
  momentum: 0.9,
  weightDecay: 5e-4,
  lrSchedule: 'cosine',
  weightNorm: 'joint',
  valSize: 1000,
  bnStatsSize: 500,
};

/**
 * Each method's CE weight γ and hint scales β, as its authors run it (HKD.md §7, RepDistiller's
 * train_student.py flags -r, -a, -b), with the source beside each.
 */
export const METHOD_COEFFICIENTS: Record<MethodId, { gamma: number; betas: Record<HintId, number>; source: string }> = {
  ce: { gamma: 1, betas: { kd: 0.9, fitnet: 100, at: 1000 }, source: 'labels only (γ 1)' },
  kd: { gamma: 0.1, betas: { kd: 0.9, fitnet: 100, at: 1000 }, source: 'RepDistiller KD: -r 0.1 -a 0.9 -b 0' },
  fitnet: { gamma: 1, betas: { kd: 0.9, fitnet: 100, at: 1000 }, source: 'RepDistiller FitNet: -r 1 -a 0 -b 100' },
  multi: { gamma: 0.1, betas: { kd: 0.9, fitnet: 100, at: 1000 }, source: "RepDistiller's KD γ/β with its FitNet (100) and AT (1000) scales" },
  'hkd-noens': { gamma: 0.1, betas: { kd: 0.9, fitnet: 100, at: 1000 }, source: "as fixed multi-hint: RepDistiller's KD γ/β with its FitNet and AT scales" },
  hkd: { gamma: 0.1, betas: { kd: 0.9, fitnet: 100, at: 1000 }, source: "as fixed multi-hint: RepDistiller's KD γ/β with its FitNet and AT scales" },
};

export function methodCoefficients(method: MethodId) {
  const c = METHOD_COEFFICIENTS[method];
  return { gamma: c.gamma, betas: { ...c.betas }, source: c.source };
}

/** The defaults, with γ and β of the configured method unless given. */
export function defaultConfig(overrides: { cold?: Partial<ColdSettings>; hot?: Partial<HotSettings> } = {}): TrainConfig {
  const cold = { ...DEFAULT_COLD, ...overrides.cold };
  const { gamma, betas } = methodCoefficients(cold.method);
  return {
    cold,
    hot: { ...DEFAULT_HOT, gamma, ...overrides.hot, betas: { ...betas, ...overrides.hot?.betas } },
  };
}
