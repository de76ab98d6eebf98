// The lab's whole configuration as plain, serialisable data: the core's cold and hot settings,
// the methods compared side by side, and the backend preference. URLs (config/url-params.ts),
// saved runs and checkpoints all carry exactly this object.
import { defaultConfig, METHODS, type ColdSettings, type HotSettings, type MethodId } from '../../core/train/config';
import { checkNumber, validateCold, validateHot } from '../../core/train/validate';
import { isDatasetId } from '../../core/url/share-link';
import { PRESET_META } from './presets-meta';
import type { BackendPref } from './backends';

export interface LabConfig {
  cold: ColdSettings;
  hot: HotSettings;
  /** Methods trained in lockstep on identical batches; empty means one run of `cold.method`. */
  compare: MethodId[];
  backend: BackendPref;
  /** Steps of the teacher phase for an imported dataset (a teacher is trained before distilling). */
  teacherSteps: number;
}

export const BUILTIN_DATASET = 'fashion-mnist';
export const TEACHER_STEPS_RULE = { min: 1, max: 100_000, integer: true, label: 'teacher steps' };

export function defaultLabConfig(): LabConfig {
  const base = defaultConfig();
  return { cold: base.cold, hot: base.hot, compare: [], backend: 'auto', teacherSteps: 300 };
}

/** The methods of the runs this configuration starts, in run order. */
export function runMethods(c: LabConfig): MethodId[] {
  return c.compare.length >= 2 ? c.compare : [c.cold.method];
}

/** Every problem with a configuration, against the core's one schema (empty when valid). */
export function validateLabConfig(c: LabConfig): string[] {
  const errors = [...validateCold(c.cold), ...validateHot(c.hot)];
  if (!PRESET_META.some((p) => p.id === c.cold.preset)) errors.push(`preset "${c.cold.preset}" is unknown (have: ${PRESET_META.map((p) => p.id).join(', ')})`);
  const ts = checkNumber(TEACHER_STEPS_RULE, c.teacherSteps);
  if (ts) errors.push(ts);
  if (!isDatasetId(c.cold.dataset)) errors.push(`dataset "${c.cold.dataset}" is not a dataset id`);
  for (const m of c.compare) if (!(METHODS as readonly string[]).includes(m)) errors.push(`compare: method "${m}" is unknown`);
  return errors;
}

/** Settings that only change how the run is trained: live edits, no reset. */
export type HotKey = Exclude<keyof HotSettings, 'betas'>;
