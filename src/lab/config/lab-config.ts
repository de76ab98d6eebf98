// The lab's whole configuration as plain, serialisable data: the core's cold and hot settings,
// the methods compared side by side, the backend preference and the teacher phase's length, all
// defined in the one settings schema (core/settings). URLs (config/url-params.ts), saved runs and
// checkpoints all carry exactly this object.
import { defaultConfig, LAB, labConfigProblems, type HotSettings, type LabConfig, type MethodId } from '../../core/settings';

export type { LabConfig };

export const BUILTIN_DATASET = 'fashion-mnist';

export function defaultLabConfig(): LabConfig {
  const base = defaultConfig();
  return { cold: base.cold, hot: base.hot, compare: [...LAB.compare.default], backend: LAB.backend.default, teacherSteps: LAB.teacherSteps.default };
}

/** The methods of the runs this configuration starts, in run order. */
export function runMethods(c: LabConfig): MethodId[] {
  return c.compare.length >= 2 ? c.compare : [c.cold.method];
}

/** Every problem with a configuration, against the one schema (empty when valid); each names its setting. */
export function validateLabConfig(c: LabConfig): string[] {
  return labConfigProblems(c);
}

/** Settings that only change how the run is trained: live edits, no reset. */
export type HotKey = Exclude<keyof HotSettings, 'betas'>;
