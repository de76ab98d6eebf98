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
export const DB_VERSION = 2;

export interface RunRecord {
  id: string;
  /** Set by rename(); save() keeps the stored name (and createdAt) of an existing record. */
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
  /** Caller's extras (the lab: compared methods, backend, dataset and teacher notes, further runs' series). */
  extra?: Record<string, unknown>;
}

export interface CheckpointRecord {
  runId: string;
  step: number;
  checkpoint: TrainerCheckpoint;
  /** Checkpoints of further runs trained in lockstep with the first (compare mode). */
  others?: TrainerCheckpoint[];
}

/** What a list of datasets shows, stored apart from the (large) pixels. */
export interface DatasetInfo {
  id: string;
  name: string;
  savedAt: number;
  train: number;
  test: number;
  height: number;
  width: number;
  channels: number;
  classes: number;
  /** Import notes (caps, split), shown beside the dataset. */
  notes?: string[];
}

/** A teacher trained (or loaded) for a dataset and preset: weights in serialize.ts format. */
export interface TeacherRecord {
  /** `${datasetId}/${presetId}` */
  key: string;
  weights: Uint8Array;
  testAccuracy: number;
  savedAt: number;
  source: string;
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
  datasetInfo: { key: string; value: DatasetInfo };
  teachers: { key: string; value: TeacherRecord };
}

function infoOf(id: string, d: Dataset, savedAt: number, notes?: string[]): DatasetInfo {
  return { id, name: d.name, savedAt, train: d.train.count, test: d.test.count, height: d.height, width: d.width, channels: d.channels, classes: d.classNames.length, ...(notes ? { notes } : {}) };
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
      async upgrade(db, oldVersion, _newVersion, tx) {
        if (oldVersion < 1) {
          const runs = db.createObjectStore('runs', { keyPath: 'id' });
          runs.createIndex('updatedAt', 'updatedAt');
          db.createObjectStore('checkpoints', { keyPath: 'runId' });
          db.createObjectStore('datasets', { keyPath: 'id' });
        }
        if (oldVersion < 2) {
          // Version 2: dataset summaries apart from the pixels (listing must not load them), and teachers.
          const info = db.createObjectStore('datasetInfo', { keyPath: 'id' });
          db.createObjectStore('teachers', { keyPath: 'key' });
          for (const d of await tx.objectStore('datasets').getAll()) await info.put(infoOf(d.id, d.dataset, d.savedAt));
        }
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
  async save(run: RunRecord, checkpoint?: TrainerCheckpoint | TrainerCheckpoint[]): Promise<void> {
    const tx = this.db.transaction(['runs', 'checkpoints'], 'readwrite');
    const [first, ...others] = checkpoint === undefined ? [] : Array.isArray(checkpoint) ? checkpoint : [checkpoint];
    const pending: Promise<unknown>[] = [tx.done];
    // Every request's promise gets a handler: after an abort they all reject, and only the first error matters.
    const track = (p: Promise<unknown>) => (pending.push(p), p.catch(() => undefined));
    try {
      // A rename made while the run was saving in the background wins over the saver's name.
      const old = await track(tx.objectStore('runs').get(run.id)) as RunRecord | undefined;
      const record: RunRecord = { ...run, updatedAt: Date.now(), ...(old ? { name: old.name, createdAt: old.createdAt } : {}), ...(first ? { checkpointStep: first.step } : {}) };
      track(tx.objectStore('runs').put(record));
      if (first) track(tx.objectStore('checkpoints').put({ runId: run.id, step: first.step, checkpoint: first, ...(others.length ? { others } : {}) }));
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

  async saveDataset(id: string, dataset: Dataset, notes?: string[]): Promise<void> {
    const savedAt = Date.now();
    const tx = this.db.transaction(['datasets', 'datasetInfo'], 'readwrite');
    const done = tx.done;
    done.catch(() => undefined);
    try {
      tx.objectStore('datasets').put({ id, savedAt, dataset }).catch(() => undefined);
      tx.objectStore('datasetInfo').put(infoOf(id, dataset, savedAt, notes)).catch(() => undefined);
      await done;
    } catch (e) {
      if (isQuota(e)) throw new StorageFullError(`dataset "${dataset.name}"`, e);
      throw e;
    }
  }

  async getDataset(id: string): Promise<Dataset | undefined> {
    return (await this.db.get('datasets', id))?.dataset;
  }

  /** Summaries only: the pixels stay on disk. Oldest first. */
  async listDatasets(): Promise<DatasetInfo[]> {
    return (await this.db.getAll('datasetInfo')).sort((a, b) => a.savedAt - b.savedAt);
  }

  /** Deletes a dataset with its summary and every teacher trained for it. */
  async deleteDataset(id: string): Promise<void> {
    const tx = this.db.transaction(['datasets', 'datasetInfo', 'teachers'], 'readwrite');
    const teachers = await tx.objectStore('teachers').getAllKeys(IDBKeyRange.bound(`${id}/`, `${id}/\uffff`));
    await Promise.all([tx.objectStore('datasets').delete(id), tx.objectStore('datasetInfo').delete(id), ...teachers.map((k) => tx.objectStore('teachers').delete(k)), tx.done]);
  }

  async saveTeacher(t: TeacherRecord): Promise<void> {
    try {
      await this.db.put('teachers', t);
    } catch (e) {
      if (isQuota(e)) throw new StorageFullError(`the teacher for ${t.key}`, e);
      throw e;
    }
  }

  async getTeacher(key: string): Promise<TeacherRecord | undefined> {
    return this.db.get('teachers', key);
  }

  async deleteTeacher(key: string): Promise<void> {
    await this.db.delete('teachers', key);
  }
}
