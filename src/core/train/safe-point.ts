// The last healthy state of a trainer, kept in memory so that a divergence rolls back to it.
// Measured (divergence.test.ts, report): at lr 2 and β 10,000 every step multiplies the weights and
// the SGD velocity by ~1e4 while the losses stay finite for several steps, so "the last finite step"
// is already poisoned and re-diverges at sane settings. A state counts as healthy when the step
// computed from it had a finite loss and a label loss that a working classifier can have.
//
// Cheap: tfjs tensors are immutable and Variable.assign swaps the data a variable points to, so a
// slot assigned from a live variable shares its data until the live one is updated (one extra copy
// at most). Two fixed slots (the confirmed state, and the one the current step runs from) keep
// tf.memory().numTensors constant over a run.
import * as tf from '@tensorflow/tfjs';
import type { BatcherState } from '../data/batcher';
import type { StepReport } from './report';

/** What restores a state besides its tensors. */
export interface SafeState {
  step: number;
  batcher: BatcherState;
  counters: Record<string, number>;
}

/**
 * A label loss above this many times ln(classes) (a uniform guess) means the weights are broken:
 * healthy runs stay below ~1.2× it, a blown-up step measures 1e5–1e8 times it.
 */
export const HEALTHY_CE_FACTOR = 10;

export function isHealthy(report: StepReport, numClasses: number): boolean {
  return Number.isFinite(report.losses.total) && report.losses.ce <= HEALTHY_CE_FACTOR * Math.log(numClasses);
}

interface Slot {
  vars: tf.Variable[];
  state: SafeState | null;
}

export class SafePoint {
  private readonly names: string[];
  private good: Slot;
  private staged: Slot;
  /** A step from a staged state came back finite but unhealthy: the run is poisoned from there. */
  sawUnhealthy = false;

  constructor(vars: Record<string, tf.Variable>) {
    this.names = Object.keys(vars);
    const slot = (): Slot => ({ vars: this.names.map((n) => tf.variable(vars[n], false)), state: null });
    this.good = slot();
    this.staged = slot();
  }

  /** The step of the state a rollback restores, or null when no step was healthy yet. */
  get step(): number | null {
    return this.good.state?.step ?? null;
  }

  /**
   * Notes the state the next step runs from (`vars` as given to the constructor). `state` is kept
   * as given, not copied: it is called every step, and the trainer passes fresh objects (the
   * batcher's getState copies its order already).
   */
  stage(vars: Record<string, tf.Variable>, state: SafeState): void {
    this.names.forEach((n, i) => this.staged.vars[i].assign(vars[n]));
    this.staged.state = state;
  }

  /** The step from the staged state was computed: a healthy one makes that state the one to keep. */
  judge(healthy: boolean): void {
    if (!this.staged.state) return;
    if (!healthy) {
      this.sawUnhealthy = true;
      return;
    }
    [this.good, this.staged] = [this.staged, this.good];
    this.staged.state = null;
    this.sawUnhealthy = false;
  }

  /** Puts the kept state back into `vars`; returns its step, batcher state and counters. */
  restore(vars: Record<string, tf.Variable>): SafeState {
    const state = this.good.state;
    if (!state) throw new Error('no healthy state to roll back to');
    this.names.forEach((n, i) => vars[n].assign(this.good.vars[i]));
    this.sawUnhealthy = false;
    return structuredClone(state);
  }

  /** Forgets every kept state (after a checkpoint is restored, they belong to another past). */
  clear(): void {
    this.good.state = null;
    this.staged.state = null;
    this.sawUnhealthy = false;
  }

  dispose(): void {
    for (const v of [...this.good.vars, ...this.staged.vars]) v.dispose();
  }
}
