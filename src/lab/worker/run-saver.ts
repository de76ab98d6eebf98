// Saves the current run into IndexedDB as it trains: at most every SAVE_MS while running, and
// whenever asked (pause, end of a phase). One write at a time; a write that fails (a full quota)
// is reported and the previous record stays intact (RunStore writes record + checkpoints in one
// transaction), and the next save tries again.
import { StorageFullError, type RunRecord, type RunStore } from '../../core/storage/run-store';
import type { TrainerCheckpoint } from '../../core/train/trainer';

export const SAVE_MS = 3_000;

export interface SaveResult {
  ok: boolean;
  /** Plain-language problem when not ok. */
  problem?: string;
}

export class RunSaver {
  private lastAt = -Infinity;
  private lastId: string | null = null;
  private inFlight: Promise<SaveResult> | null = null;

  constructor(private readonly store: () => Promise<RunStore>, private readonly now: () => number = () => performance.now()) {}

  /** A run not saved yet is due at once (a new run is listed from its first step); others every SAVE_MS. */
  due(id: string): boolean {
    return id !== this.lastId || this.now() - this.lastAt >= SAVE_MS;
  }

  /** Writes the record with its checkpoints; waits for a write still in flight first. */
  async save(record: RunRecord, checkpoints: TrainerCheckpoint[]): Promise<SaveResult> {
    if (this.inFlight) await this.inFlight;
    this.lastAt = this.now();
    this.lastId = record.id;
    this.inFlight = (async (): Promise<SaveResult> => {
      try {
        await (await this.store()).save(record, checkpoints);
        return { ok: true };
      } catch (e) {
        if (e instanceof StorageFullError) return { ok: false, problem: e.message };
        return { ok: false, problem: `Could not save run "${record.name}": ${(e as Error)?.message ?? e}. Training goes on; what was saved before is unchanged.` };
      }
    })();
    try {
      return await this.inFlight;
    } finally {
      this.inFlight = null;
    }
  }
}
