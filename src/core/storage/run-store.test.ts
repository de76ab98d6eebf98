import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Dataset } from '../data/dataset';
import { defaultConfig } from '../train/config';
import { RunLog, chunkColumn, type RunChunk } from '../runs/run-log';
import { logToJson } from '../runs/run-log-json';
import { chunkFrom, logFrom } from '../runs/run-log.test-util';
import { HIST_BINS } from '../train/report';
import type { TrainerCheckpoint } from '../train/trainer';
import { DB_VERSION, RunStore, StorageBlockedError, StorageFullError, type RunRecord } from './run-store';

let n = 0;
const dbName = () => `test-${++n}`;

function run(id: string, name = id): RunRecord {
  const config = defaultConfig({ cold: { seed: 5 } });
  return { id, name, createdAt: 1, updatedAt: 1, config, seed: 5, edits: [{ step: 3, setting: 'lr', from: 0.05, to: 0.01 }], series: logFrom([], 2, { 'loss.total': (i) => [2, 1.5][i] }), status: 'running' };
}

function ckpt(step: number): TrainerCheckpoint {
  return { version: 1, config: defaultConfig(), step, batcher: {} as TrainerCheckpoint['batcher'], counters: {}, tensors: { 'student.fc.w': { shape: [2], data: new Float32Array([step, -step]) } } };
}

afterEach(() => vi.restoreAllMocks());

/** Makes every put into `store` fail as a browser does when the quota is exceeded. */
function quotaOn(store: string) {
  const { IDBObjectStore } = globalThis as any;
  const put = IDBObjectStore.prototype.put;
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: any, ...args: unknown[]) {
    if (this.name === store) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return put.apply(this, args);
  });
}

/** Rejects if `p` has not settled within `ms` (a hang fails the test instead of timing it out). */
function within<T>(p: Promise<T>, ms = 2000): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms))]);
}

/** The stores of an older version of the schema (as older code made them). */
function oldSchema(version: 1 | 2 | 3) {
  return (db: any) => {
    db.createObjectStore('runs', { keyPath: 'id' }).createIndex('updatedAt', 'updatedAt');
    db.createObjectStore('checkpoints', { keyPath: 'runId' });
    db.createObjectStore('datasets', { keyPath: 'id' });
    if (version >= 2) {
      db.createObjectStore('datasetInfo', { keyPath: 'id' });
      db.createObjectStore('teachers', { keyPath: 'key' });
    }
    if (version === 3) {
      db.createObjectStore('runInfo', { keyPath: 'id' }).createIndex('updatedAt', 'updatedAt');
      db.createObjectStore('seriesChunks', { keyPath: ['runId', 'seq'] });
    }
  };
}

const tinyDataset = (name: string): Dataset => {
  const images = new Uint8Array(4);
  return { name, height: 1, width: 1, channels: 1, classNames: ['a', 'b'], train: { images, labels: new Uint8Array(4), count: 4 }, test: { images, labels: new Uint8Array(4), count: 4 }, source: '', license: '' };
};

/** Appends `n` steps as the lab's worker does: in place, several columns and the ṽ histograms per step. */
function grow(s: RunLog, n: number) {
  const c = chunkFrom(0, n, { step: (i) => i, 'loss.total': (i) => i * 0.5 + 1, 'loss.kd': (i) => i / 3, 'v.kd': (i) => 1 + i / 7, lr: () => 0.05 }, s.length);
  c.hist.forEach((_, k) => (c.hist[k] = (s.length + k) % 7));
  s.append(c);
}

/** A log's content as plain data (a log's buffers have spare capacity that toEqual would compare). */
const plain = (l: RunLog | undefined) => (l ? { hints: l.hints, ...logToJson(l) } : l);

/** The stored series chunks of a run (read with a second, plain connection). */
async function chunksOf(name: string, runId: string): Promise<{ seq: number; parts: RunChunk[] }[]> {
  const db = await openDB(name);
  const all = await db.getAll('seriesChunks', IDBKeyRange.bound([runId, 0], [runId, Infinity]));
  db.close();
  return all;
}

const stepsOf = (c: RunChunk | undefined) => (c ? Array.from(chunkColumn(c, 'step')) : undefined);

describe('RunStore', () => {
  it('saves, lists (newest first), renames and deletes runs with their checkpoints', async () => {
    const s = await RunStore.open(dbName());
    await s.save(run('a'), ckpt(10));
    await new Promise((r) => setTimeout(r, 5));
    await s.save(run('b'));
    expect((await s.list()).map((r) => r.id)).toEqual(['b', 'a']);
    const a = await s.get('a');
    expect(a?.checkpointStep).toBe(10);
    expect(Array.from(a!.series.column('loss.total'))).toEqual([2, 1.5]);
    expect((await s.checkpoint('a'))?.checkpoint.tensors['student.fc.w'].data).toEqual(new Float32Array([10, -10]));
    await s.rename('a', 'my best run');
    expect((await s.get('a'))?.name).toBe('my best run');
    await s.delete('a');
    expect(await s.get('a')).toBeUndefined();
    expect(await s.checkpoint('a')).toBeUndefined();
    await expect(s.rename('a', 'x')).rejects.toThrow(/no saved run "a"/);
    s.close();
  });

  it('a full quota gives a clear message and keeps the previous record and checkpoint intact', async () => {
    const s = await RunStore.open(dbName());
    await s.save({ ...run('a'), status: 'running' }, ckpt(10));
    // The checkpoint write fails as a browser does when the quota is exceeded.
    const { IDBObjectStore } = globalThis as any;
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: any, ...args: unknown[]) {
      if (this.name === 'checkpoints') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    });
    const newer = { ...run('a'), status: 'paused' as const, series: logFrom([], 3, { 'loss.total': (i) => [2, 1.5, 1.2][i] }) };
    const err = await s.save(newer, ckpt(20)).catch((e) => e);
    expect(err).toBeInstanceOf(StorageFullError);
    expect(err.message).toMatch(/storage for this site is full\. Your saved runs are unchanged .*Delete old runs/);
    vi.restoreAllMocks();
    const kept = await s.get('a');
    expect(kept?.status).toBe('running');
    expect(kept?.checkpointStep).toBe(10);
    expect(Array.from(kept!.series.column('step'))).toEqual([0, 1]);
    expect((await s.checkpoint('a'))?.step).toBe(10);
    // And it saves again once there is room.
    await s.save(newer, ckpt(20));
    expect((await s.checkpoint('a'))?.step).toBe(20);
    s.close();
  });

  it('keeps imported datasets across reopening, and deletes them', async () => {
    const name = dbName();
    const s = await RunStore.open(name);
    const images = new Uint8Array([1, 2, 3, 4]);
    await s.saveDataset('import:x', { name: 'x', height: 1, width: 1, channels: 1, classNames: ['a', 'b'], train: { images, labels: new Uint8Array([0, 1, 0, 1]), count: 4 }, test: { images, labels: new Uint8Array([1, 0, 1, 0]), count: 4 }, source: 's', license: 'l' });
    s.close();
    const again = await RunStore.open(name);
    expect(await again.listDatasets()).toEqual([{ id: 'import:x', name: 'x', savedAt: expect.any(Number), train: 4, test: 4, height: 1, width: 1, channels: 1, classes: 2 }]);
    expect((await again.getDataset('import:x'))?.train.images).toEqual(images);
    await again.saveTeacher({ key: 'import:x/cnn', weights: new Uint8Array([9]), testAccuracy: 0.5, savedAt: 1, source: 'trained' });
    await again.saveTeacher({ key: 'other/cnn', weights: new Uint8Array([8]), testAccuracy: 0.5, savedAt: 1, source: 'trained' });
    expect((await again.getTeacher('import:x/cnn'))?.weights).toEqual(new Uint8Array([9]));
    await again.deleteDataset('import:x');
    expect(await again.listDatasets()).toEqual([]);
    expect(await again.getTeacher('import:x/cnn')).toBeUndefined();
    expect(await again.getTeacher('other/cnn')).toBeDefined();
    again.close();
  });

  it('a background save keeps a rename, and stores the checkpoints of compared runs together', async () => {
    const s = await RunStore.open(dbName());
    await s.save(run('a'), ckpt(1));
    await s.rename('a', 'renamed');
    await s.save({ ...run('a'), name: 'saver name' }, [ckpt(5), ckpt(5)]);
    expect((await s.get('a'))?.name).toBe('renamed');
    const c = await s.checkpoint('a');
    expect(c?.step).toBe(5);
    expect(c?.others?.length).toBe(1);
    s.close();
  });

  it('upgrades a version-1 database: dataset summaries are made from the stored datasets', async () => {
    const name = dbName();
    const { openDB } = await import('idb');
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('runs', { keyPath: 'id' }).createIndex('updatedAt', 'updatedAt');
        db.createObjectStore('checkpoints', { keyPath: 'runId' });
        db.createObjectStore('datasets', { keyPath: 'id' });
      },
    });
    const images = new Uint8Array(4);
    await v1.put('datasets', { id: 'old', savedAt: 3, dataset: { name: 'old', height: 1, width: 1, channels: 1, classNames: ['a', 'b'], train: { images, labels: new Uint8Array(4), count: 4 }, test: { images, labels: new Uint8Array(4), count: 4 }, source: '', license: '' } });
    v1.close();
    const s = await RunStore.open(name);
    expect((await s.listDatasets()).map((d) => [d.id, d.train, d.classes])).toEqual([['old', 4, 2]]);
    s.close();
  });
  it('upgrades a version-2 database without loading every dataset at once', async () => {
    const name = dbName();
    const v1 = await openDB(name, 1, { upgrade: oldSchema(1) });
    await v1.put('datasets', { id: 'a', savedAt: 1, dataset: tinyDataset('a') });
    await v1.put('datasets', { id: 'b', savedAt: 2, dataset: tinyDataset('b') });
    v1.close();
    const { IDBObjectStore } = globalThis as any;
    const getAll = IDBObjectStore.prototype.getAll;
    vi.spyOn(IDBObjectStore.prototype, 'getAll').mockImplementation(function (this: any, ...args: unknown[]) {
      if (this.name === 'datasets') throw new Error('getAll() on the datasets loads every pixel');
      return getAll.apply(this, args);
    });
    const s = await RunStore.open(name);
    expect((await s.listDatasets()).map((d) => d.name)).toEqual(['a', 'b']);
    s.close();
  });

  it('a full quota while saving a dataset or a teacher names it and says what to do', async () => {
    const s = await RunStore.open(dbName());
    await s.saveDataset('imp-x', tinyDataset('My digits'));
    quotaOn('datasets');
    const err = await s.saveDataset('imp-y', tinyDataset('Street signs')).catch((e) => e);
    expect(err).toBeInstanceOf(StorageFullError);
    expect(err.message).toMatch(/dataset "Street signs".*full.*Delete saved runs or datasets in the lab.*import it again/);
    expect(err.message).not.toMatch(/checkpoint|training/);
    vi.restoreAllMocks();
    quotaOn('teachers');
    const terr = await s.saveTeacher({ key: 'imp-x/cnn', weights: new Uint8Array([1]), testAccuracy: 0.5, savedAt: 1, source: 'trained' }).catch((e) => e);
    expect(terr).toBeInstanceOf(StorageFullError);
    expect(terr.message).toMatch(/teacher for dataset "My digits" \(network cnn\).*full.*Delete saved runs or datasets in the lab/);
    expect(terr.message).not.toMatch(/checkpoint/);
    vi.restoreAllMocks();
    expect((await s.listDatasets()).map((d) => d.name)).toEqual(['My digits']);
    s.close();
  });
});

describe('RunStore.open with other tabs', () => {
  it('refuses with a clear message, instead of hanging, when a tab with older code holds the old version', async () => {
    const name = dbName();
    const oldTab = await openDB(name, 2, { upgrade: oldSchema(2) }); // no versionchange handler: never lets go
    const err = await within(RunStore.open(name)).catch((e) => e);
    expect(err).toBeInstanceOf(StorageBlockedError);
    expect(err.message).toBe('The lab is open in another tab with an older version; close other HKD Lab tabs and reload.');
    oldTab.close();
    // Once the other tab is gone it opens (and the refused attempt's late connection does not block it).
    const s = await within(RunStore.open(name));
    expect(await s.listInfo()).toEqual([]);
    s.close();
  });

  it('lets go of its connection when another tab opens a newer version', async () => {
    const name = dbName();
    const onClose = vi.fn();
    const s = await RunStore.open(name, { onClose });
    const newer = await within(openDB(name, DB_VERSION + 1));
    expect(s.closed).toBe(true);
    expect(onClose).toHaveBeenCalledTimes(1);
    newer.close();
  });

  it('gives up after the timeout when the open waits behind another one', async () => {
    const name = dbName();
    const holder = await openDB(name, 1, { upgrade: oldSchema(1) });
    const older = indexedDB.open(name, 2); // another tab's upgrade, itself blocked: ours queues behind it without a "blocked" event
    const err = await within(RunStore.open(name, { timeoutMs: 100 })).catch((e) => e);
    expect(err).toBeInstanceOf(StorageBlockedError);
    expect(err.message).toMatch(/did not open within 100 ms.*close other HKD Lab tabs and reload/);
    holder.close();
    await new Promise<void>((r) => (older.onsuccess = () => r()));
    older.result.close();
  });
});

describe('RunStore summaries and series chunks', () => {
  const labRun = (id: string, series = new RunLog(['kd']), more?: RunLog[]): RunRecord => ({
    ...run(id), series, extra: { lab: { labels: ['HKD', 'KD'], dataset: 'Digits' }, ...(more ? { series: more } : {}) },
  });

  it('lists summaries (no series) kept with every save, rename and delete', async () => {
    const s = await RunStore.open(dbName());
    await s.save(labRun('a'), ckpt(10));
    await new Promise((r) => setTimeout(r, 5));
    await s.save(run('b'));
    const list = await s.listInfo();
    expect(list.map((r) => r.id)).toEqual(['b', 'a']);
    expect(list[1]).toEqual({ id: 'a', name: 'a', createdAt: 1, updatedAt: expect.any(Number), status: 'running', checkpointStep: 10, labels: ['HKD', 'KD'], dataset: 'Digits' });
    expect(list[0]).toMatchObject({ labels: [run('b').config.cold.method], dataset: run('b').config.cold.dataset });
    expect(list[0]).not.toHaveProperty('series');
    await s.rename('a', 'best');
    expect((await s.listInfo()).find((r) => r.id === 'a')?.name).toBe('best');
    await s.delete('a');
    expect((await s.listInfo()).map((r) => r.id)).toEqual(['b']);
    s.close();
  });

  it('writes only the rows appended since the last save, as the log\'s chunks, and reads the whole log back', async () => {
    const name = dbName();
    const s = await RunStore.open(name);
    const main = new RunLog(['kd']);
    const other = new RunLog([]);
    const rec = labRun('a', main, [other]);
    grow(main, 4);
    grow(other, 4);
    main.addEval({ step: 3, testAcc: 0.5, testLoss: 1, valAcc: NaN, valLoss: NaN, teacherAcc: 0.9, perClassAcc: Float32Array.from([0.4, 0.6]) });
    await s.save(rec, ckpt(4));
    grow(main, 3);
    grow(other, 3);
    await s.save(rec, ckpt(7));
    await s.save(rec, ckpt(7)); // nothing new: no chunk
    grow(main, 2);
    main.addEval({ step: 8, testAcc: 0.6, testLoss: 0.9, valAcc: NaN, valLoss: NaN, teacherAcc: 0.9, perClassAcc: Float32Array.from([0.5, 0.7]) });
    await s.save(rec, ckpt(9));
    const chunks = await chunksOf(name, 'a');
    expect(chunks.map((c) => stepsOf(c.parts[0]))).toEqual([[0, 1, 2, 3], [4, 5, 6], [7, 8]]);
    expect(chunks.map((c) => stepsOf(c.parts[1]))).toEqual([[0, 1, 2, 3], [4, 5, 6], []]);
    const got = await s.get('a');
    expect({ ...got, series: undefined, extra: undefined }).toEqual({ ...rec, series: undefined, extra: undefined, updatedAt: expect.any(Number), checkpointStep: 9 });
    expect(plain(got?.series)).toEqual(plain(main));
    expect(got?.series.evals.map((e) => e.step)).toEqual([3, 8]);
    expect(((await s.list())[0].extra?.series as RunLog[]).map(plain)).toEqual([plain(other)]);
    expect((got?.extra?.lab as { labels: string[] }).labels).toEqual(['HKD', 'KD']);
    s.close();
  });

  it('writes the whole log again when it cannot tell what is new', async () => {
    const name = dbName();
    const s = await RunStore.open(name);
    const log = new RunLog(['kd']);
    grow(log, 5);
    await s.save(labRun('a', log));
    grow(log, 5);
    await s.save(labRun('a', log));
    expect(await chunksOf(name, 'a')).toHaveLength(2);
    // Cut back (a rollback, or reopened at an earlier checkpoint): one full chunk.
    log.truncateFromStep(3);
    await s.save(labRun('a', log));
    expect((await chunksOf(name, 'a')).map((c) => stepsOf(c.parts[0]))).toEqual([[0, 1, 2]]);
    expect(plain((await s.get('a'))?.series)).toEqual(plain(log));
    // Another log object (a new run under the same key): all again.
    const copy = (await s.get('a'))!.series;
    grow(copy, 1);
    await s.save(labRun('a', copy));
    expect((await chunksOf(name, 'a')).map((c) => stepsOf(c.parts[0]))).toEqual([[0, 1, 2, 3]]);
    // Another tab (another instance) saves the run: this one's next save rewrites it all.
    const other = await RunStore.open(name);
    grow(copy, 1);
    await other.save(labRun('a', copy));
    grow(copy, 1);
    await s.save(labRun('a', copy));
    expect((await chunksOf(name, 'a')).map((c) => stepsOf(c.parts[0]))).toEqual([[0, 1, 2, 3, 4, 5]]);
    expect(plain((await other.get('a'))?.series)).toEqual(plain(copy));
    // Deleted in between (by the page): the next save starts again from nothing.
    await other.delete('a');
    expect(await chunksOf(name, 'a')).toEqual([]);
    grow(copy, 1);
    await s.save(labRun('a', copy));
    expect(plain((await s.get('a'))?.series)).toEqual(plain(copy));
    other.close();
    s.close();
  });

  it('a failed save (full quota) leaves the record, the series chunks and the checkpoint as they were', async () => {
    const name = dbName();
    const s = await RunStore.open(name);
    const log = new RunLog(['kd']);
    grow(log, 4);
    await s.save({ ...labRun('a', log), status: 'running' }, ckpt(4));
    grow(log, 2);
    await s.save(labRun('a', log), ckpt(6));
    const before = plain(log);
    for (const store of ['checkpoints', 'seriesChunks']) {
      grow(log, 3);
      quotaOn(store);
      const err = await s.save({ ...labRun('a', log), status: 'paused' }, ckpt(99)).catch((e) => e);
      expect(err).toBeInstanceOf(StorageFullError);
      vi.restoreAllMocks();
      const kept = await s.get('a');
      expect(kept?.status).toBe('running');
      expect(kept?.checkpointStep).toBe(6);
      expect(plain(kept?.series)).toEqual(before);
      expect((await s.checkpoint('a'))?.step).toBe(6);
      expect(await chunksOf(name, 'a')).toHaveLength(2);
      expect((await s.listInfo())[0].checkpointStep).toBe(6);
    }
    // With room again, the next save brings everything since the last good one.
    await s.save({ ...labRun('a', log), status: 'paused' }, ckpt(12));
    expect(plain((await s.get('a'))?.series)).toEqual(plain(log));
    expect((await s.get('a'))?.series.length).toBe(12);
    expect(await chunksOf(name, 'a')).toHaveLength(3);
    s.close();
  });
});

describe('RunStore reads runs saved before the run log', () => {
  /** A series as code before the run log recorded it: plain columns (a late one shorter), per-hint histogram rows. */
  const oldSeries = (from: number, n: number) => ({
    steps: {
      step: Array.from({ length: n }, (_, i) => from + i), 'loss.total': Array.from({ length: n }, (_, i) => 2 - (from + i) / 10), 'loss.ce': Array.from({ length: n }, () => 1),
      'loss.kd': Array.from({ length: n }, () => 0.5), 'v.kd': Array.from({ length: n }, () => 1.25), 'vt.kd': Array.from({ length: n }, () => 1.5), lr: Array.from({ length: n }, () => 0.05),
    },
    hist: Array.from({ length: n }, (_, i) => Array.from({ length: HIST_BINS }, (_, b) => (from + i + b) % 3)),
  });
  const evals = [{ step: 2, testAcc: 0.5, testLoss: 1, teacherAcc: 0.9, perClassAcc: [0.5, 0.5] }];
  const probes = [{ step: 2, indices: [4], labels: [1], v: [1], vt: [1.2], losses: [0.3, 0.1], preds: [1] }];

  function expectOld(l: RunLog | undefined, n: number) {
    expect(l?.hints).toEqual(['kd']);
    expect(Array.from(l!.column('step'))).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(l!.column('loss.total')[n - 1]).toBeCloseTo(2 - (n - 1) / 10, 12);
    expect(l!.column('vt.kd')[0]).toBe(1.5);
    expect(Number.isNaN(l!.column('loss.meta')[0])).toBe(true);
    expect(l!.hist[(n - 1) * 3 * HIST_BINS + 1]).toBe((n - 1 + 1) % 3);
  }

  it('a version-2 record (series inline) opens, is listed, and moves to the log\'s chunks when saved again', async () => {
    const name = dbName();
    const v2 = await openDB(name, 2, { upgrade: oldSchema(2) });
    const old = { ...run('old'), checkpointStep: 7, series: { ...oldSeries(0, 5), evals, probes }, extra: { lab: { labels: ['HKD', 'KD'], dataset: 'Digits' }, series: [{ ...oldSeries(0, 5), evals: [] }] } };
    await v2.put('runs', old);
    v2.close();
    const s = await RunStore.open(name);
    expect(await s.listInfo()).toEqual([{ id: 'old', name: 'old', createdAt: 1, updatedAt: 1, status: 'running', checkpointStep: 7, labels: ['HKD', 'KD'], dataset: 'Digits' }]);
    const got = await s.get('old');
    expectOld(got?.series, 5);
    expect(got?.series.evals).toEqual(evals);
    expect(got?.series.probes).toEqual(probes);
    expectOld((got?.extra?.series as RunLog[])[0], 5);
    grow(got!.series, 3);
    await s.save(got!);
    expect(plain((await s.get('old'))?.series)).toEqual(plain(got!.series));
    expect((await chunksOf(name, 'old')).map((c) => stepsOf(c.parts[0]))).toEqual([[0, 1, 2, 3, 4, 5, 6, 7]]);
    s.close();
  });

  it('a version-3 record (series in chunks of plain columns) opens with its compared run\'s series', async () => {
    const name = dbName();
    const v3 = await openDB(name, 3, { upgrade: oldSchema(3) });
    const stripped = { steps: {}, hist: [], evals, probes };
    await v3.put('runs', { ...run('v3'), series: stripped, extra: { lab: { labels: ['HKD', 'CE'] }, series: [{ steps: {}, hist: [], evals: [] }] }, chunked: { writer: 'old-tab', seq: 2, extraSeries: true } });
    const ce = (from: number, n: number) => ({ steps: { step: oldSeries(from, n).steps.step, 'loss.total': oldSeries(from, n).steps['loss.total'] }, hist: Array.from({ length: n }, () => []) });
    await v3.put('seriesChunks', { runId: 'v3', seq: 0, parts: [oldSeries(0, 4), ce(0, 4)] });
    await v3.put('seriesChunks', { runId: 'v3', seq: 1, parts: [oldSeries(4, 2), { steps: {}, hist: [] }] });
    v3.close();
    const s = await RunStore.open(name);
    const got = await s.get('v3');
    expectOld(got?.series, 6);
    expect(got?.series.probes).toEqual(probes);
    const other = (got?.extra?.series as RunLog[])[0];
    expect(other.hints).toEqual([]);
    expect(Array.from(other.column('step'))).toEqual([0, 1, 2, 3]);
    expect((await s.list()).map((r) => r.series.length)).toEqual([6]);
    s.close();
  });
});
