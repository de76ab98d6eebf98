// Training configuration: hot settings change between steps and keep optimiser state;
// cold settings define the run and need a reset.

export const HINTS = ['kd', 'fitnet', 'at'] as const;
export type HintId = (typeof HINTS)[number];

export const METHODS = ['ce', 'kd', 'fitnet', 'multi', 'hkd-noens', 'hkd'] as const;
export type MethodId = (typeof METHODS)[number];

export const META_INPUTS = ['losses', 'progress', 'teacherConf', 'studentCorrect'] as const;
export type MetaInput = (typeof META_INPUTS)[number];

export type EnsembleKind = 'instance' | 'param';

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
}

export interface TrainConfig {
  cold: ColdSettings;
  hot: HotSettings;
}

export const DEFAULT_HOT: HotSettings = {
  lr: 0.05,
  temperature: 4,
  betas: { kd: 0.9, fitnet: 1, at: 100 },
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
};

export function defaultConfig(overrides: { cold?: Partial<ColdSettings>; hot?: Partial<HotSettings> } = {}): TrainConfig {
  return {
    cold: { ...DEFAULT_COLD, ...overrides.cold },
    hot: { ...DEFAULT_HOT, ...overrides.hot, betas: { ...DEFAULT_HOT.betas, ...overrides.hot?.betas } },
  };
}
