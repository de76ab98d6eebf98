// Saves the current run into IndexedDB as it trains: at most every SAVE_MS while running (a new
// run at once), and whenever asked (pause, reset, end of a phase). Writes are chained, so they land
// in order even when a periodic save runs in the background while training goes on. A write that
// fails (a full quota) is reported; RunStore writes record + checkpoints in one transaction, so the
// previous save stays intact, and the next save tries again.
import { StorageFullError, type RunRecord, type RunStore } from '../../core/storage/run-store';
import type { TrainerCheckpoint } from '../../core/train/trainer';

/**
 * A save is due this long after the previous one began. It is taken at the end of the next step,
 * so the gap between saves is SAVE_MS plus up to one step (and the write): 2 s keeps it within 3 s
 * for steps of up to about 1 s, what a loaded machine gives (2.5 s gave gaps of up to 4.3 s there).
 * This is what a dead worker loses past its last save.
 */
export const SAVE_MS = 2_000;

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

  constructor(private readonly store: () => Promise<RunStore>, private readonly now: () => number = () => performance.now()) {}

  /**
   * A run not saved yet is due at once (a new run is listed from its first step); others every
   * SAVE_MS, and never while a write is still pending (slow storage must not pile up writes).
   */
  due(id: string): boolean {
    if (this.pending > 0) return false;
    return id !== this.lastId || this.now() - this.lastAt >= SAVE_MS;
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
