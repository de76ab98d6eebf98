import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { RunStore } from '../../core/storage/run-store';
import { deflateBomb, gzipBomb } from '../../core/data/deflate-bomb.test-util';
import { cifar10Release, cifarRecords, idxSet, png, rawZip, zip, gzipSync } from '../../core/import/fixtures.test-util';
import { decodePng } from '../../node/decode-png';
import type { ImportEvent, ImportSettings } from '../contract';
import { datasetId, handleImport, importQueue, runImport, type ImportSource } from './import-job';

const settings: ImportSettings = { testFraction: 0.2, maxTrain: 20_000, maxTest: 5_000, imageSize: 8, seed: 1 };
let n = 0;

async function importOf(files: { name: string; bytes: Uint8Array }[], s: Partial<ImportSettings> = {}) {
  const events: ImportEvent[] = [];
  const store = await RunStore.open(`import-job-${++n}`);
  await runImport(1, files, { ...settings, ...s }, { store: async () => store, post: (e) => events.push(e), decodeImage: decodePng });
  const datasets = await store.listDatasets();
  store.close();
  const last = events[events.length - 1];
  return { events, last, datasets };
}

describe('runImport (the import worker’s job)', () => {
  it('stores a CIFAR-10 .tar.gz and reports progress and the split it found', async () => {
    const { last, datasets, events } = await importOf([{ name: 'cifar-10-binary.tar.gz', bytes: cifar10Release(20, 30).tgz }]);
    expect(last.type).toBe('import-done');
    expect(datasets).toHaveLength(1);
    expect(datasets[0]).toMatchObject({ train: 100, test: 30, height: 32, channels: 3, classes: 10 });
    expect(events.some((e) => e.type === 'import-progress' && e.phase === 'Decompressing')).toBe(true);
  });

  it('makes a split for a single .bin and says where a cap applied', async () => {
    const { last } = await importOf([{ name: 'data_batch_1.bin', bytes: cifarRecords('cifar10', 200, 3).bin }], { maxTrain: 50 });
    expect(last.type).toBe('import-done');
    if (last.type !== 'import-done') return;
    expect(last.info.train).toBe(50);
    expect(last.caps[0]).toMatch(/train split had 160 images; 50 were kept/);
    expect(last.notes.join(' ')).toMatch(/no train\/test split: 20% of each class was held out/);
  });

  const bad: [string, () => { name: string; bytes: Uint8Array }[], string, RegExp, Partial<ImportSettings>?][] = [
    ['a wrong format', () => [{ name: 'notes.txt', bytes: new TextEncoder().encode('hello, not a dataset') }], 'format', /notes\.txt: expected a CIFAR-10\/CIFAR-100 binary release/],
    ['a truncated archive', () => [{ name: 'cifar.tar.gz', bytes: cifar10Release(20, 30).tgz.subarray(0, 3000) }], 'truncated', /cifar\.tar\.gz/],
    ['a truncated .bin', () => [{ name: 'data_batch_1.bin', bytes: cifarRecords('cifar10', 20, 3).bin.subarray(0, 3073 * 5 + 100) }], 'truncated', /data_batch_1\.bin: .*truncated|partial/],
    ['an image that fails to decode', () => [{ name: 'pets.zip', bytes: zip({ 'cat/1.png': png(4, 4, () => [1, 2, 3]), 'dog/1.png': new Uint8Array([137, 80, 78, 71, 1, 2, 3]) }) }], 'decode', /pets\.zip: dog\/1\.png/],
    ['no classes', () => [{ name: 'flat.zip', bytes: zip({ 'a.png': png(4, 4, () => 5), 'b.png': png(4, 4, () => 9) }) }], 'classes', /flat\.zip: expected images of at least 2 classes/],
    ['too much data', () => { const s = idxSet(50, 28, 28, 1); return [{ name: 'train-images-idx3-ubyte.gz', bytes: gzipSync(s.imagesFile) }, { name: 'train-labels-idx1-ubyte', bytes: s.labelsFile }]; }, 'memory', /train-images-idx3-ubyte\.gz: expected at most/, { memoryBudgetBytes: 10_000 }],
  ];
  for (const [what, files, code, message, s] of bad) {
    it(`refuses ${what} with a message naming the file, and stores nothing`, async () => {
      const { last, datasets } = await importOf(files(), s);
      expect(last.type).toBe('import-error');
      if (last.type !== 'import-error') return;
      expect(last.code).toBe(code);
      expect(last.message).toMatch(message);
      expect(datasets).toEqual([]);
    });
  }

  it('reports the dataset it stored even when listing the stored datasets fails afterwards', async () => {
    const events: ImportEvent[] = [];
    const real = await RunStore.open(`import-job-${++n}`);
    const store = Object.create(real) as RunStore;
    store.listDatasets = () => Promise.reject(new Error('read failed'));
    await runImport(1, [{ name: 'data_batch_1.bin', bytes: cifarRecords('cifar10', 50, 3).bin }], settings, { store: async () => store, post: (e) => events.push(e) });
    const stored = await real.listDatasets();
    real.close();
    const last = events[events.length - 1];
    expect(last.type).toBe('import-done');
    if (last.type !== 'import-done') return;
    expect(stored).toHaveLength(1);
    expect(last.info).toEqual(stored[0]);
  });
});

describe('handleImport and importQueue (the worker’s message handler)', () => {
  const source = (name: string, read: () => Promise<ArrayBuffer>): ImportSource => ({ name, size: 1000, arrayBuffer: read });
  const fail = (name: string, message: string) => Object.assign(new Error(message), { name });

  it('turns a file that cannot be read into an import-error naming it', async () => {
    const events: ImportEvent[] = [];
    const files = [source('ok.bin', async () => new ArrayBuffer(8)), source('gone.bin', () => Promise.reject(fail('NotReadableError', 'The file could not be read')))];
    await handleImport({ type: 'import', jobId: 3, files, settings }, { store: () => Promise.reject(new Error('not reached')), post: (e) => events.push(e) });
    const last = events[events.length - 1];
    expect(last).toMatchObject({ type: 'import-error', jobId: 3, file: 'gone.bin', code: 'read' });
    if (last.type === 'import-error') expect(last.message).toMatch(/^gone\.bin: the browser could not read the file \(The file could not be read\)/);
  });

  it('turns running out of memory while reading into a memory import-error', async () => {
    const events: ImportEvent[] = [];
    const files = [source('huge.tar.gz', () => Promise.reject(new RangeError('Array buffer allocation failed')))];
    await handleImport({ type: 'import', jobId: 4, files, settings }, { store: () => Promise.reject(new Error('not reached')), post: (e) => events.push(e) });
    expect(events[events.length - 1]).toMatchObject({ type: 'import-error', jobId: 4, file: 'huge.tar.gz', code: 'memory', message: expect.stringMatching(/^huge\.tar\.gz: the browser ran out of memory/) });
  });

  it('handles one command after another', async () => {
    const events: ImportEvent[] = [];
    let release!: (b: ArrayBuffer) => void;
    const slow = new Promise<ArrayBuffer>((r) => (release = r));
    const enqueue = importQueue({ store: () => Promise.reject(new Error('no storage')), post: (e) => events.push(e) });
    const a = enqueue({ type: 'import', jobId: 1, files: [source('a.bin', () => slow)], settings });
    const b = enqueue({ type: 'import', jobId: 2, files: [source('b.bin', async () => new ArrayBuffer(4))], settings });
    await new Promise((r) => setTimeout(r, 20));
    expect(events.filter((e) => e.jobId === 2)).toEqual([]);
    release(new ArrayBuffer(4));
    await Promise.all([a, b]);
    const jobs = events.map((e) => e.jobId);
    expect(jobs.indexOf(2)).toBeGreaterThan(jobs.lastIndexOf(1));
    expect(events.filter((e) => e.type !== 'import-progress').map((e) => [e.jobId, e.type])).toEqual([[1, 'import-error'], [2, 'import-error']]);
  });

  it('goes on with the next command when one cannot report at all', async () => {
    const events: ImportEvent[] = [];
    const enqueue = importQueue({
      store: () => Promise.reject(new Error('no storage')),
      post: (e) => {
        if (e.jobId === 1) throw new Error('post failed');
        events.push(e);
      },
    });
    const a = enqueue({ type: 'import', jobId: 1, files: [source('a.bin', async () => new ArrayBuffer(4))], settings });
    const b = enqueue({ type: 'import', jobId: 2, files: [source('b.bin', async () => new ArrayBuffer(4))], settings });
    await expect(a).rejects.toThrow('post failed');
    await b;
    expect(events.map((e) => e.type)).toEqual(['import-progress', 'import-error']);
  });
});

describe('the next import after a failure runs with its own state', () => {
  const source = (name: string, bytes: Uint8Array): ImportSource => ({ name, size: bytes.length, arrayBuffer: async () => bytes.slice().buffer });
  const tarHeader = () => cifar10Release(1, 1).tar.slice(512, 1024); // data_batch_1.bin's header
  type Failure = { what: string; bad: () => ImportSource; code: string; message: RegExp; signal?: AbortSignal; budget?: number };
  const zipBomb = () => rawZip([{ name: 'cats/1.png', data: deflateBomb(300), method: 8, size: 68, crc: 0 }, { name: 'dogs/1.png', data: png(4, 4, () => 1), method: 0, size: 75, crc: 0 }]);
  const failures: Failure[] = [
    { what: 'a gzip bomb (4 GiB + 1 MiB of zeros, trailer wrapped to 1 MiB)', bad: () => source('bomb.gz', gzipBomb(4097)), code: 'memory', message: /^bomb\.gz: expected data that fits the import's memory budget of 1024\.0 MiB, found data that inflates past it/ },
    { what: 'a .tar.gz whose tar stream inflates past the budget', bad: () => source('cifar-10-binary.tar.gz', gzipBomb(4097, tarHeader())), code: 'memory', message: /^cifar-10-binary\.tar\.gz: expected data that fits the import's memory budget/ },
    // A smaller budget: past the size its directory states, a zip entry is inflated (counted) up to the budget.
    { what: 'a zip bomb', bad: () => source('pets.zip', zipBomb()), code: 'memory', message: /^pets\.zip: cats\/1\.png: expected data that fits the import's memory budget of 128\.0 MiB/, budget: 128 * 2 ** 20 },
    { what: 'a truncated archive', bad: () => source('cifar.tar.gz', cifar10Release(20, 30).tgz.subarray(0, 3000)), code: 'truncated', message: /^cifar\.tar\.gz: / },
    { what: 'a bad magic number', bad: () => source('notes.txt', new TextEncoder().encode('hello, not a dataset')), code: 'format', message: /^notes\.txt: expected a CIFAR-10/ },
    { what: 'a cancelled import', bad: () => source('data_batch_2.bin', cifarRecords('cifar10', 30, 5).bin), code: 'aborted', message: /^data_batch_2\.bin: expected the import to run to the end, found a request to stop/, signal: AbortSignal.abort() },
  ];
  for (const { what, bad, code, message, signal, budget } of failures) {
    it(`after ${what}, a good file imports (same queue)`, async () => {
      const events: ImportEvent[] = [];
      const store = await RunStore.open(`import-job-${++n}`);
      const enqueue = importQueue({ store: async () => store, post: (e) => events.push(e), decodeImage: decodePng });
      const t0 = performance.now();
      const first = enqueue({ type: 'import', jobId: 1, files: [bad()], settings: { ...settings, memoryBudgetBytes: budget } }, signal);
      const second = enqueue({ type: 'import', jobId: 2, files: [source('data_batch_1.bin', cifarRecords('cifar10', 50, 3).bin)], settings });
      await first;
      const ms = performance.now() - t0;
      await second;
      const datasets = await store.listDatasets();
      store.close();
      if (code === 'memory') console.log(`${what}: refused in ${ms.toFixed(0)} ms`);
      const ends = events.filter((e) => e.type !== 'import-progress');
      expect(ends.map((e) => [e.jobId, e.type])).toEqual([[1, 'import-error'], [2, 'import-done']]);
      expect(ends[0]).toMatchObject({ code, message: expect.stringMatching(message) });
      // Job 2 reports only on its own file, and stored exactly its own dataset.
      expect(events.filter((e) => e.jobId === 2).every((e) => e.type !== 'import-progress' || /data_batch_1\.bin/.test(e.file))).toBe(true);
      expect(ends[1].type === 'import-done' && ends[1].info).toMatchObject({ train: 40, test: 10, classes: 10 });
      expect(datasets).toHaveLength(1);
    });
  }

  it('reports decompression progress in bytes produced, toward the size the file states', async () => {
    const rel = cifar10Release(20, 30);
    let t = 0;
    const events: ImportEvent[] = [];
    const store = await RunStore.open(`import-job-${++n}`);
    await runImport(1, [{ name: 'c.tar.gz', bytes: rel.tgz }], settings, { store: async () => store, post: (e) => events.push(e), now: () => (t += 1000) });
    store.close();
    const inflating = events.filter((e) => e.type === 'import-progress' && e.phase === 'Decompressing');
    expect(inflating.length).toBeGreaterThan(1);
    expect(inflating.at(-1)).toMatchObject({ done: rel.tar.length, total: rel.tar.length, unit: 'bytes' });
  });

  it('says when inflating goes past the size a file states, the bar then running to the budget', async () => {
    let t = 0;
    const events: ImportEvent[] = [];
    const budget = 32 * 2 ** 20;
    await runImport(1, [{ name: 'pets.zip', bytes: zipBomb() }], { ...settings, memoryBudgetBytes: budget }, { store: () => Promise.reject(new Error('not reached')), post: (e) => events.push(e), decodeImage: decodePng, now: () => (t += 1000) });
    const unpacking = events.filter((e) => e.type === 'import-progress' && e.phase.startsWith('Unpacking'));
    expect(unpacking.length).toBeGreaterThan(10);
    expect(unpacking.at(-1)).toMatchObject({ phase: 'Unpacking (more than the file states; stops at the memory budget)', file: 'pets.zip', unit: 'bytes' });
    const last = unpacking.at(-1)!;
    expect(last.type === 'import-progress' && last.done / last.total).toBeGreaterThan(0.9);
    expect(events.at(-1)).toMatchObject({ type: 'import-error', code: 'memory' });
  });
});

describe('datasetId', () => {
  it('is imp-<slug of the name>-<time>, the slug at most 40 characters', () => {
    expect(datasetId('CIFAR-10 (binary)', 36)).toBe('imp-cifar-10-binary-10');
    expect(datasetId('…', 35)).toBe('imp-dataset-z');
    expect(datasetId(`${'a'.repeat(39)} b`, 0)).toBe(`imp-${'a'.repeat(39)}-0`);
  });
});

describe('memoryBudget', () => {
  it('is a quarter of the device memory, at most the default, and the default when unknown', async () => {
    const { memoryBudget } = await import('./import-job');
    const { DEFAULT_MEMORY_BUDGET } = await import('../../core/import');
    expect(memoryBudget(undefined)).toBe(DEFAULT_MEMORY_BUDGET);
    expect(memoryBudget(0)).toBe(DEFAULT_MEMORY_BUDGET);
    expect(memoryBudget(2)).toBe(2 ** 29);
    expect(memoryBudget(8)).toBe(DEFAULT_MEMORY_BUDGET);
  });
});
