import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../train/config';
import { emptySeries } from '../train/series';
import type { TrainerCheckpoint } from '../train/trainer';
import { RunStore, StorageFullError, type RunRecord } from './run-store';

let n = 0;
const dbName = () => `test-${++n}`;

function run(id: string, name = id): RunRecord {
  const config = defaultConfig({ cold: { seed: 5 } });
  return { id, name, createdAt: 1, updatedAt: 1, config, seed: 5, edits: [{ step: 3, setting: 'lr', from: 0.05, to: 0.01 }], series: { ...emptySeries(), steps: { step: [0, 1], 'loss.total': [2, 1.5] } }, status: 'running' };
}

function ckpt(step: number): TrainerCheckpoint {
  return { version: 1, config: defaultConfig(), step, batcher: {} as TrainerCheckpoint['batcher'], counters: {}, tensors: { 'student.fc.w': { shape: [2], data: new Float32Array([step, -step]) } } };
}

afterEach(() => vi.restoreAllMocks());

describe('RunStore', () => {
  it('saves, lists (newest first), renames and deletes runs with their checkpoints', async () => {
    const s = await RunStore.open(dbName());
    await s.save(run('a'), ckpt(10));
    await new Promise((r) => setTimeout(r, 5));
    await s.save(run('b'));
    expect((await s.list()).map((r) => r.id)).toEqual(['b', 'a']);
    const a = await s.get('a');
    expect(a?.checkpointStep).toBe(10);
    expect(a?.series.steps['loss.total']).toEqual([2, 1.5]);
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
    const newer = { ...run('a'), status: 'paused' as const, series: { ...emptySeries(), steps: { step: [0, 1, 2], 'loss.total': [2, 1.5, 1.2] } } };
    const err = await s.save(newer, ckpt(20)).catch((e) => e);
    expect(err).toBeInstanceOf(StorageFullError);
    expect(err.message).toMatch(/storage for this site is full\. Your saved runs are unchanged .*Delete old runs/);
    vi.restoreAllMocks();
    const kept = await s.get('a');
    expect(kept?.status).toBe('running');
    expect(kept?.checkpointStep).toBe(10);
    expect(kept?.series.steps.step).toEqual([0, 1]);
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
});
