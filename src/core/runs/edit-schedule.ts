// An edit log, replayed: an edit recorded when `step` steps were done applies after those steps,
// before the next one, exactly when it was made, so the same backend gives the same losses.
import type { RunEdit } from './runfile';

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

}

/** An edit's one label (chart markers, the edit status, saved runs), from the schema: `lr=0.02`, `T=2`, `βkd=0.5`. */
export { editLabel } from '../settings/edits';
