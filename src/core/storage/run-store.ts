// Saved runs (and imported datasets) in IndexedDB, via `idb`. Every write of a save (record,
// summary, series chunks, latest checkpoint) is ONE transaction, so a failed write — most often a
// full quota — leaves what was saved before exactly as it was: IndexedDB rolls the whole
// transaction back. Works in a page, a Worker, and in Node tests with fake-indexeddb.
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Dataset } from '../data/dataset';
import type { TrainConfig } from '../train/config';
import { RunLog } from '../runs/run-log';
import type { TrainerCheckpoint } from '../train/trainer';
import type { RunEdit } from '../runs/runfile';
import type { StorageChange } from './changes';
import { canAppend, headerOf, isStoredLog, readLog, slicePart, type PartTrack, type StoredLog, type StoredPart } from './stored-log';

export const DB_NAME = 'hkd-lab';
export const DB_VERSION = 4;
/** An open that takes longer is waiting on another tab; it is refused rather than left hanging. */
export const OPEN_TIMEOUT_MS = 10_000;

export interface RunRecord {
  id: string;
  /** Set by rename(); save() keeps the stored name (and createdAt) of an existing record. */
  name: string;
  createdAt: number;
  updatedAt: number;
  config: TrainConfig;
  seed: number;
  edits: RunEdit[];
  /** The run's log (extra.series: the logs of runs compared with it, in lockstep). */
  series: RunLog;
  /** Step of the checkpoint saved with this record, if any. */
  checkpointStep?: number;
  status: 'running' | 'paused' | 'finished' | 'diverged';
  /** Caller's extras (the lab: compared methods, backend, dataset and teacher notes, further runs' series). */
  extra?: Record<string, unknown>;
}

/** What a list of saved runs shows, stored apart from the (large) series. */
export interface SavedRunInfo {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  status: RunRecord['status'];
  checkpointStep?: number;
  /** The lab's run labels (extra.lab.labels), else the method. */
  labels: string[];
  /** The lab's dataset name (extra.lab.dataset), else the configured dataset. */
  dataset: string;
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

interface SeriesChunk {
  runId: string;
  seq: number;
  /** Per log (the run's, then extra.series'), the rows one save appended. */
  parts: StoredPart[];
}

/**
 * A stored run: each log's header, its rows kept in seriesChunks (chunks 0..seq-1). Records saved
 * before version 3 have no `chunked` and keep their series inline (see stored-log.ts).
 */
interface StoredRun extends Omit<RunRecord, 'series'> {
  series: StoredLog;
  chunked?: {
    /** The RunStore instance that wrote the chunks: only it knows what they already hold. */
    writer: string;
    seq: number;
    /** extra.series (an array of logs) is chunked too, as parts 1.. */
    extraSeries: boolean;
  };
}

interface Schema extends DBSchema {
  runs: { key: string; value: StoredRun; indexes: { updatedAt: number } };
  runInfo: { key: string; value: SavedRunInfo; indexes: { updatedAt: number } };
  seriesChunks: { key: [string, number]; value: SeriesChunk };
  checkpoints: { key: string; value: CheckpointRecord };
  datasets: { key: string; value: DatasetRecord };
  datasetInfo: { key: string; value: DatasetInfo };
  teachers: { key: string; value: TeacherRecord };
}

function infoOf(id: string, d: Dataset, savedAt: number, notes?: string[]): DatasetInfo {
  return { id, name: d.name, savedAt, train: d.train.count, test: d.test.count, height: d.height, width: d.width, channels: d.channels, classes: d.classNames.length, ...(notes ? { notes } : {}) };
}

function runInfoOf(r: RunRecord | StoredRun): SavedRunInfo {
  const lab = (r.extra?.lab ?? {}) as { labels?: string[]; dataset?: string };
  return {
    id: r.id, name: r.name, createdAt: r.createdAt, updatedAt: r.updatedAt, status: r.status,
    ...(r.checkpointStep !== undefined ? { checkpointStep: r.checkpointStep } : {}),
    labels: lab.labels ?? [r.config?.cold?.method ?? ''],
    dataset: lab.dataset ?? r.config?.cold?.dataset ?? '',
  };
}

const chunkRange = (runId: string, seq = Infinity) => IDBKeyRange.bound([runId, 0], [runId, seq]);

/** Storage is full (or the browser refused the write). Nothing saved before was changed. */
export class StorageFullError extends Error {
  constructor(readonly what: string, readonly cause?: unknown, readonly kind: 'run' | 'dataset' | 'teacher' = 'run') {
    super(
      kind === 'dataset'
        ? `Could not save ${what}: the browser's storage for this site is full, so it was not imported. Everything saved before is unchanged. Delete saved runs or datasets in the lab to make room, then import it again.`
        : kind === 'teacher'
          ? `Could not save ${what}: the browser's storage for this site is full, so it is not kept for next time. Everything saved before is unchanged. Delete saved runs or datasets in the lab to make room, then train or load the teacher again.`
          : `Could not save ${what}: the browser's storage for this site is full. Your saved runs are unchanged (the last saved checkpoint is kept). Delete old runs or imported datasets to make room, then training saves again.`,
    );
    this.name = 'StorageFullError';
  }
}

/** The database could not be opened because another tab holds it (or it did not open in time). */
export class StorageBlockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StorageBlockedError';
  }
}

const BLOCKED = 'The lab is open in another tab with an older version; close other HKD Lab tabs and reload.';

function isQuota(e: unknown): boolean {
  const name = (e as { name?: string } | null)?.name;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || (name === 'AbortError' && isQuota((e as { cause?: unknown }).cause));
}

/** The logs a record holds: its own, then extra.series when that is an array of logs. */
function seriesOf(run: RunRecord): { all: RunLog[]; extraSeries: boolean } {
  const more = run.extra?.series;
  const extraSeries = Array.isArray(more) && more.every((l) => l instanceof RunLog);
  return { all: [run.series, ...(extraSeries ? (more as RunLog[]) : [])], extraSeries };
}

interface RunTrack {
  seq: number;
  parts: PartTrack[];
}

/** The record as the caller saved it: logs rebuilt from their headers and chunks (in seq order), or read from an old record. */
function assemble(rec: StoredRun, chunks: SeriesChunk[]): RunRecord {
  const { chunked, ...run } = rec;
  const partsOf = (p: number) => chunks.flatMap((c) => (c.parts[p] ? [c.parts[p]] : []));
  const more = run.extra?.series;
  const extraSeries = chunked ? chunked.extraSeries : Array.isArray(more) && more.length > 0 && more.every(isStoredLog);
  const out: RunRecord = { ...run, series: readLog(run.series, partsOf(0)) };
  if (extraSeries) out.extra = { ...run.extra, series: (more as StoredLog[]).map((s, i) => readLog(s, partsOf(i + 1))) };
  return out;
}

/** Brings a database of `oldVersion` to DB_VERSION, inside the version-change transaction. */
async function upgrade(db: IDBPDatabase<Schema>, oldVersion: number, tx: IDBPTransaction<Schema, StoreNames<Schema>[], 'versionchange'>): Promise<void> {
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
    // A cursor holds one dataset's pixels at a time; getAll() would load them all at once.
    for (let c = await tx.objectStore('datasets').openCursor(); c; c = await c.continue()) await info.put(infoOf(c.value.id, c.value.dataset, c.value.savedAt));
  }
  if (oldVersion < 3) {
    // Version 3: run summaries apart from the series (the page lists them), and the series in append-only chunks.
    const info = db.createObjectStore('runInfo', { keyPath: 'id' });
    info.createIndex('updatedAt', 'updatedAt');
    db.createObjectStore('seriesChunks', { keyPath: ['runId', 'seq'] });
    for (let c = await tx.objectStore('runs').openCursor(); c; c = await c.continue()) await info.put(runInfoOf(c.value));
  }
  // Version 4: the series chunks hold run-log chunks (stored-log.ts). Nothing moves: old records
  // are read as they are; the bump keeps a tab with older code, which cannot read the new chunks, out.
}

export interface OpenOptions {
  /** Called once when this connection closes: close(), another tab upgrading, or the browser. */
  onClose?: () => void;
  /** Called after each change this connection made has landed (other contexts' lists follow it). */
  onChange?: (c: StorageChange) => void;
  timeoutMs?: number;
}

export class RunStore {
  private isClosed = false;
  /** Tells this instance's chunks apart from another tab's or worker's. */
  private readonly writer = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  private readonly tracks = new Map<string, RunTrack>();

  private constructor(
    private readonly db: IDBPDatabase<Schema>,
    private onClose?: () => void,
    private readonly changed: (c: StorageChange) => void = () => {},
  ) {}

  /**
   * Opens (and upgrades) the database. Refuses with StorageBlockedError, rather than hanging,
   * when a tab with older code keeps the old version open, or when it does not open in time.
   */
  static open(name = DB_NAME, opts: OpenOptions = {}): Promise<RunStore> {
    const timeoutMs = opts.timeoutMs ?? OPEN_TIMEOUT_MS;
    return new Promise<RunStore>((resolve, reject) => {
      let settled = false;
      let store: RunStore | undefined;
      const fail = (e: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(e);
      };
      const timer = setTimeout(() => fail(new StorageBlockedError(`The browser's storage did not open within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}: the lab may be open in another tab with an older version; close other HKD Lab tabs and reload.`)), timeoutMs);
      openDB<Schema>(name, DB_VERSION, {
        upgrade(db, oldVersion, _newVersion, tx) {
          // A failure part-way must not leave a half-made schema under the new version number.
          upgrade(db, oldVersion, tx).catch((e) => {
            try {
              tx.abort();
            } catch {
              // already over
            }
            fail(e);
          });
        },
        // A tab with older code keeps the old version open (it has no `blocking` handler to let go).
        blocked: () => fail(new StorageBlockedError(BLOCKED)),
        // A newer version wants to open in another tab: let go, so it can upgrade.
        blocking: () => store?.close(),
        terminated: () => store?.markClosed(),
      }).then(
        (db) => {
          if (settled) {
            db.close(); // refused already (blocked, or too late): nobody holds this connection
            return;
          }
          settled = true;
          clearTimeout(timer);
          store = new RunStore(db, opts.onClose, opts.onChange);
          resolve(store);
        },
        fail,
      );
    });
  }

  get closed(): boolean {
    return this.isClosed;
  }

  close(): void {
    if (this.isClosed) return;
    this.db.close();
    this.markClosed();
  }

  /** The connection is gone (closed here, or by the browser): tell the owner once, so it can reopen. */
  private markClosed(): void {
    this.isClosed = true;
    const cb = this.onClose;
    this.onClose = undefined;
    cb?.();
  }

  /**
   * Saves the run record and, when given, its checkpoint, atomically. On a full quota throws
   * StorageFullError; the previous record and checkpoint stay as they were.
   *
   * The logs' rows are written as chunks: only what was appended since this instance last saved the
   * run (the caller appends to the same logs), everything again when that cannot be told.
   */
  async save(run: RunRecord, checkpoint?: TrainerCheckpoint | TrainerCheckpoint[]): Promise<void> {
    const tx = this.db.transaction(['runs', 'runInfo', 'seriesChunks', 'checkpoints'], 'readwrite');
    const [first, ...others] = checkpoint === undefined ? [] : Array.isArray(checkpoint) ? checkpoint : [checkpoint];
    const pending: Promise<unknown>[] = [tx.done];
    // Every request's promise gets a handler: after an abort they all reject, and only the first error matters.
    const track = (p: Promise<unknown>) => (pending.push(p), p.catch(() => undefined));
    try {
      const old = (await track(tx.objectStore('runs').get(run.id))) as StoredRun | undefined;
      // From here to the puts, no await: the lengths noted must be those the puts clone.
      const { all, extraSeries } = seriesOf(run);
      const prev = this.tracks.get(run.id);
      // Chunks in the store are the ones this instance wrote (another tab, a delete or a failed save in between would show in `seq`).
      const append = !!prev && old?.chunked?.writer === this.writer && old.chunked.seq === prev.seq && old.chunked.extraSeries === extraSeries && prev.parts.length === all.length && all.every((s, i) => canAppend(s, prev.parts[i]));
      const sliced = all.map((s, i) => slicePart(s, i, append ? prev!.parts[i] : undefined));
      let seq = append ? prev!.seq : 0;
      if (!append) track(tx.objectStore('seriesChunks').delete(chunkRange(run.id)));
      if (!append || sliced.some((p) => p.appended)) track(tx.objectStore('seriesChunks').put({ runId: run.id, seq: seq++, parts: sliced.map((p) => p.part) }));
      // A rename made while the run was saving in the background wins over the saver's name.
      const record: StoredRun = {
        ...run,
        updatedAt: Date.now(),
        ...(old ? { name: old.name, createdAt: old.createdAt } : {}),
        ...(first ? { checkpointStep: first.step } : {}),
        series: headerOf(run.series),
        ...(extraSeries ? { extra: { ...run.extra, series: (run.extra!.series as RunLog[]).map(headerOf) } } : {}),
        chunked: { writer: this.writer, seq, extraSeries },
      };
      track(tx.objectStore('runs').put(record));
      track(tx.objectStore('runInfo').put(runInfoOf(record)));
      if (first) track(tx.objectStore('checkpoints').put({ runId: run.id, step: first.step, checkpoint: first, ...(others.length ? { others } : {}) }));
      await Promise.all(pending);
      this.tracks.set(run.id, { seq, parts: sliced.map((p) => p.track) });
      this.changed({ kind: 'run', id: run.id, op: 'saved' });
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

  /** The full record, as saved (series reassembled). */
  async get(id: string): Promise<RunRecord | undefined> {
    const tx = this.db.transaction(['runs', 'seriesChunks']);
    const rec = await tx.objectStore('runs').get(id);
    if (!rec) return undefined;
    return assemble(rec, rec.chunked?.seq ? await tx.objectStore('seriesChunks').getAll(chunkRange(id, rec.chunked.seq - 1)) : []);
  }

  async checkpoint(id: string): Promise<CheckpointRecord | undefined> {
    return this.db.get('checkpoints', id);
  }

  /** Every run with its full series, most recently updated first. Heavy: a list to show wants listInfo(). */
  async list(): Promise<RunRecord[]> {
    const tx = this.db.transaction(['runs', 'seriesChunks']);
    const out: RunRecord[] = [];
    for (const rec of (await tx.objectStore('runs').index('updatedAt').getAll()).reverse()) {
      out.push(assemble(rec, rec.chunked?.seq ? await tx.objectStore('seriesChunks').getAll(chunkRange(rec.id, rec.chunked.seq - 1)) : []));
    }
    return out;
  }

  /** Summaries of every run (no series), most recently updated first. */
  async listInfo(): Promise<SavedRunInfo[]> {
    return (await this.db.getAllFromIndex('runInfo', 'updatedAt')).reverse();
  }

  async rename(id: string, name: string): Promise<void> {
    const tx = this.db.transaction(['runs', 'runInfo'], 'readwrite');
    const r = await tx.objectStore('runs').get(id);
    if (!r) throw new Error(`no saved run "${id}"`);
    const renamed = { ...r, name };
    await Promise.all([tx.objectStore('runs').put(renamed), tx.objectStore('runInfo').put(runInfoOf(renamed)), tx.done]);
    this.changed({ kind: 'run', id, op: 'renamed' });
  }

  async delete(id: string): Promise<void> {
    this.tracks.delete(id);
    const tx = this.db.transaction(['runs', 'runInfo', 'seriesChunks', 'checkpoints'], 'readwrite');
    await Promise.all([
      tx.objectStore('runs').delete(id),
      tx.objectStore('runInfo').delete(id),
      tx.objectStore('seriesChunks').delete(chunkRange(id)),
      tx.objectStore('checkpoints').delete(id),
      tx.done,
    ]);
    this.changed({ kind: 'run', id, op: 'deleted' });
  }

  /** Stores the dataset; returns its summary as listed (no read-back that could fail after the write). */
  async saveDataset(id: string, dataset: Dataset, notes?: string[]): Promise<DatasetInfo> {
    const savedAt = Date.now();
    const info = infoOf(id, dataset, savedAt, notes);
    const tx = this.db.transaction(['datasets', 'datasetInfo'], 'readwrite');
    const done = tx.done;
    done.catch(() => undefined);
    try {
      tx.objectStore('datasets').put({ id, savedAt, dataset }).catch(() => undefined);
      tx.objectStore('datasetInfo').put(info).catch(() => undefined);
      await done;
      this.changed({ kind: 'dataset', id, op: 'saved' });
      return info;
    } catch (e) {
      if (isQuota(e)) throw new StorageFullError(`dataset "${dataset.name}"`, e, 'dataset');
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
    this.changed({ kind: 'dataset', id, op: 'deleted' });
  }

  async saveTeacher(t: TeacherRecord): Promise<void> {
    try {
      await this.db.put('teachers', t);
    } catch (e) {
      if (!isQuota(e)) throw e;
      // Name the dataset as the lab shows it (imported ones by their name, not their id).
      const cut = t.key.lastIndexOf('/');
      const datasetId = cut < 0 ? t.key : t.key.slice(0, cut);
      const dataset = (await this.db.get('datasetInfo', datasetId).catch(() => undefined))?.name ?? datasetId;
      throw new StorageFullError(`the teacher for dataset "${dataset}"${cut < 0 ? '' : ` (network ${t.key.slice(cut + 1)})`}`, e, 'teacher');
    }
  }

  async getTeacher(key: string): Promise<TeacherRecord | undefined> {
    return this.db.get('teachers', key);
  }

  async deleteTeacher(key: string): Promise<void> {
    await this.db.delete('teachers', key);
  }
}
