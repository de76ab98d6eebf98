// A run file's edit log, replayed: each edit applies before the step it was recorded at, as the
// core replay does (core/runs/replay.ts), so the same backend gives the same losses.
import type { RunEdit } from '../../core/runs/runfile';

export class EditSchedule {
  private readonly edits: RunEdit[];
  private next = 0;

  constructor(edits: readonly RunEdit[]) {
    this.edits = [...edits].sort((a, b) => a.step - b.step);
  }

  /** The edits due before step `stepsDone + 1` runs (recorded at a step ≤ stepsDone), each once. */
  due(stepsDone: number): RunEdit[] {
    const out: RunEdit[] = [];
    while (this.next < this.edits.length && this.edits[this.next].step <= stepsDone) out.push(this.edits[this.next++]);
    return out;
  }

  get remaining(): number {
    return this.edits.length - this.next;
  }
}
