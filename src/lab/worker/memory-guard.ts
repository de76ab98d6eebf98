// Refuses, before any step, a configuration whose estimated memory exceeds what the backend can
// use here (core/train/memory-estimate.ts): a crashed tab loses more than a refused setting.
import type { Dataset } from '../../core/data/dataset';
import { combineEstimates, estimateRunMemory, memoryBudget, memoryProblem } from '../../core/train/memory-estimate';
import type { Teacher } from '../../core/train/trainer';
import { runMethods, type LabConfig } from '../config/lab-config';

export class MemoryGuard {
  /** Test hook (the `debug` command): a smaller budget, so a refusal can be tried on any machine. */
  override: number | null = null;

  problem(config: LabConfig, dataset: Dataset, teacher: Teacher, backend: string): { message: string; advice: string } | null {
    const estimates = runMethods(config).map((method) => estimateRunMemory({ cold: { ...config.cold, method }, hot: config.hot }, dataset, teacher));
    const deviceMemory = (globalThis.navigator as { deviceMemory?: number } | undefined)?.deviceMemory;
    const budget = this.override ?? memoryBudget(backend, deviceMemory);
    return memoryProblem(config, combineEstimates(estimates), budget, backend);
  }
}
