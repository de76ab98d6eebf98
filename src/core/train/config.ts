// Training configuration: hot settings change between steps and keep optimiser state; cold
// settings define the run and need a reset. Defined once, in the settings schema (core/settings).
export {
  DEFAULT_COLD, DEFAULT_HOT, HINTS, META_INPUTS, METHODS, defaultConfig,
  type ColdSettings, type ConfigOverrides, type EnsembleKind, type HintId, type HotSettings, type LrSchedule, type MetaInput, type MethodId, type TrainConfig, type WeightNorm,
} from '../settings';
