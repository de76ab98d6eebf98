// Saves the current run into IndexedDB as it trains: at most every SAVE_MS while running (a new
// run at once), and whenever asked (pause, reset, end of a phase). Writes are chained, so they land
// in order even when a periodic save runs in the background while training goes on. A write that
// fails (a full quota) is reported; RunStore writes record + checkpoints in one transaction, so the
// previous save stays intact, and the next save tries again.
import { StorageFullError, type RunRecord, type RunStore } from '../../core/storage/run-store';
import type { TrainerCheckpoint } from '../../core/train/trainer';

/**
 * The longest gap between saves aimed for: what a dead worker loses past its last save. A save is
 * taken at the end of a step, so it is taken one step early when waiting for the next step's end
 * would pass this (the last step's length foretells the next one's, up to LOOKAHEAD_MS). A plain
 * "every SAVE_MS" gave gaps of SAVE_MS plus a step plus the write: up to 4.3 s on a loaded machine.
 */
export const SAVE_MS = 2_500;
/** The longest step the saver plans ahead for (a hand-made step's long pause is not one). */
export const LOOKAHEAD_MS = 1_500;

export interface SaveResult {
  ok: boolean;
  /** Plain-language problem when not ok. */
  problem?: string;
}

export class RunSaver {
  private lastAt = -Infinity;
  private lastId: string | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;
  private lastAsk = -Infinity;

  constructor(private readonly store: () => Promise<RunStore>, private readonly now: () => number = () => performance.now()) {}

  /**
   * Asked at the end of each step. A run not saved yet is due at once (a new run is listed from its
   * first step); others when the next step's end would come SAVE_MS or more after the last save,
   * and never while a write is still pending (slow storage must not pile up writes).
   */
  due(id: string): boolean {
    const t = this.now();
    const step = Math.min(LOOKAHEAD_MS, Math.max(0, t - this.lastAsk));
    this.lastAsk = t;
    if (this.pending > 0) return false;
    return id !== this.lastId || t - this.lastAt + step >= SAVE_MS;
  }

  /** Resolves once every write asked for so far has landed (or failed). */
  settled(): Promise<void> {
    return this.tail.then(() => undefined);
  }

  /** Writes the record with its checkpoints, after any write still pending. */
  save(record: RunRecord, checkpoints: TrainerCheckpoint[]): Promise<SaveResult> {
    this.lastAt = this.now();
    this.lastId = record.id;
    this.pending++;
    const write = this.tail.then(async (): Promise<SaveResult> => {
      try {
        await (await this.store()).save(record, checkpoints);
        return { ok: true };
      } catch (e) {
        if (e instanceof StorageFullError) return { ok: false, problem: e.message };
        return { ok: false, problem: `Could not save run "${record.name}": ${(e as Error)?.message ?? e}. Training goes on; what was saved before is unchanged.` };
      } finally {
        this.pending--;
      }
    });
    this.tail = write;
    return write;
  }
}
