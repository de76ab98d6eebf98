// The names every setting chooses from, in one tfjs-free place (the page imports them).
export { PRESET_IDS, PRESET_INFO, type PresetId } from '../nn/preset-ids';

export const HINTS = ['kd', 'fitnet', 'at'] as const;
export type HintId = (typeof HINTS)[number];

export const METHODS = ['ce', 'kd', 'fitnet', 'multi', 'hkd-noens', 'hkd'] as const;
export type MethodId = (typeof METHODS)[number];

export const META_INPUTS = ['losses', 'progress', 'teacherConf', 'studentCorrect'] as const;
export type MetaInput = (typeof META_INPUTS)[number];

export const ENSEMBLES = ['instance', 'param'] as const;
export type EnsembleKind = (typeof ENSEMBLES)[number];

export const LR_SCHEDULES = ['cosine', 'step', 'constant'] as const;
export type LrSchedule = (typeof LR_SCHEDULES)[number];

export const WEIGHT_NORMS = ['joint', 'per-hint', 'none'] as const;
export type WeightNorm = (typeof WEIGHT_NORMS)[number];

/** The backends the lab can train on, in the order "auto" tries them. */
export const BACKEND_NAMES = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];
export const BACKEND_PREFS = ['auto', ...BACKEND_NAMES] as const;
export type BackendPref = (typeof BACKEND_PREFS)[number];
