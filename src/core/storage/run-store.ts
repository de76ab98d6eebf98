// Saved runs (and imported datasets) in IndexedDB, via `idb`. A run's record (configuration,
// seed, edit log, series) and its latest checkpoint are written in ONE transaction, so a failed
// write — most often a full quota — leaves the previous record and checkpoint exactly as they
// were: IndexedDB rolls the whole transaction back. Works in a page, a Worker, and in Node tests
// with fake-indexeddb.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Dataset } from '../data/dataset';
import type { TrainConfig } from '../train/config';
import type { RunSeries } from '../train/series';
import type { TrainerCheckpoint } from '../train/trainer';
import type { RunEdit } from '../runs/runfile';

export const DB_NAME = 'hkd-lab';
export const DB_VERSION = 1;

export interface RunRecord {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  config: TrainConfig;
  seed: number;
  edits: RunEdit[];
  series: RunSeries;
  /** Step of the checkpoint saved with this record, if any. */
  checkpointStep?: number;
  status: 'running' | 'paused' | 'finished' | 'diverged';
}

export interface CheckpointRecord {
  runId: string;
  step: number;
  checkpoint: TrainerCheckpoint;
}

export interface DatasetRecord {
  id: string;
  savedAt: number;
  dataset: Dataset;
}

interface Schema extends DBSchema {
  runs: { key: string; value: RunRecord; indexes: { updatedAt: number } };
  checkpoints: { key: string; value: CheckpointRecord };
  datasets: { key: string; value: DatasetRecord };
}

/** Storage is full (or the browser refused the write). Nothing saved before was changed. */
export class StorageFullError extends Error {
  constructor(readonly what: string, readonly cause?: unknown) {
    super(`Could not save ${what}: the browser's storage for this site is full. Your saved runs are unchanged (the last saved checkpoint is kept). Delete old runs or imported datasets to make room, then training saves again.`);
    this.name = 'StorageFullError';
  }
}

function isQuota(e: unknown): boolean {
  const name = (e as { name?: string } | null)?.name;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || (name === 'AbortError' && isQuota((e as { cause?: unknown }).cause));
}

export class RunStore {
  private constructor(private readonly db: IDBPDatabase<Schema>) {}

  static async open(name = DB_NAME): Promise<RunStore> {
    const db = await openDB<Schema>(name, DB_VERSION, {
      upgrade(db) {
        const runs = db.createObjectStore('runs', { keyPath: 'id' });
        runs.createIndex('updatedAt', 'updatedAt');
        db.createObjectStore('checkpoints', { keyPath: 'runId' });
        db.createObjectStore('datasets', { keyPath: 'id' });
      },
    });
    return new RunStore(db);
  }

  close(): void {
    this.db.close();
  }

  /**
   * Saves the run record and, when given, its checkpoint, atomically. On a full quota throws
   * StorageFullError; the previous record and checkpoint stay as they were.
   */
  async save(run: RunRecord, checkpoint?: TrainerCheckpoint): Promise<void> {
    const tx = this.db.transaction(['runs', 'checkpoints'], 'readwrite');
    const record: RunRecord = { ...run, updatedAt: Date.now(), ...(checkpoint ? { checkpointStep: checkpoint.step } : {}) };
    const pending: Promise<unknown>[] = [tx.done];
    // Every request's promise gets a handler: after an abort they all reject, and only the first error matters.
    const track = (p: Promise<unknown>) => (pending.push(p), p.catch(() => undefined));
    try {
      track(tx.objectStore('runs').put(record));
      if (checkpoint) track(tx.objectStore('checkpoints').put({ runId: run.id, step: checkpoint.step, checkpoint }));
      await Promise.all(pending);
    } catch (e) {
      try {
        tx.abort();
      } catch {
        // already aborted
      }
      await tx.done.catch(() => undefined);
      if (isQuota(e)) throw new StorageFullError(`run "${run.name}"`, e);
      throw e;
    }
  }

  async get(id: string): Promise<RunRecord | undefined> {
    return this.db.get('runs', id);
  }

  async checkpoint(id: string): Promise<CheckpointRecord | undefined> {
    return this.db.get('checkpoints', id);
  }

  /** Every run, most recently updated first. */
  async list(): Promise<RunRecord[]> {
    return (await this.db.getAllFromIndex('runs', 'updatedAt')).reverse();
  }

  async rename(id: string, name: string): Promise<void> {
    const tx = this.db.transaction('runs', 'readwrite');
    const r = await tx.store.get(id);
    if (!r) throw new Error(`no saved run "${id}"`);
    await tx.store.put({ ...r, name });
    await tx.done;
  }

  async delete(id: string): Promise<void> {
    const tx = this.db.transaction(['runs', 'checkpoints'], 'readwrite');
    await Promise.all([tx.objectStore('runs').delete(id), tx.objectStore('checkpoints').delete(id), tx.done]);
  }

  async saveDataset(id: string, dataset: Dataset): Promise<void> {
    try {
      await this.db.put('datasets', { id, savedAt: Date.now(), dataset });
    } catch (e) {
      if (isQuota(e)) throw new StorageFullError(`dataset "${dataset.name}"`, e);
      throw e;
    }
  }

  async getDataset(id: string): Promise<Dataset | undefined> {
    return (await this.db.get('datasets', id))?.dataset;
  }

  async listDatasets(): Promise<{ id: string; name: string; savedAt: number; train: number; test: number }[]> {
    const all = await this.db.getAll('datasets');
    return all.map((d) => ({ id: d.id, name: d.dataset.name, savedAt: d.savedAt, train: d.dataset.train.count, test: d.dataset.test.count }));
  }

  async deleteDataset(id: string): Promise<void> {
    await this.db.delete('datasets', id);
  }
}
