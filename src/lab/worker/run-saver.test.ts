import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { RunStore, StorageFullError, type RunRecord } from '../../core/storage/run-store';
import { defaultConfig } from '../../core/train/config';
import { emptySeries } from '../../core/train/series';
import { RunSaver, SAVE_MS } from './run-saver';

const record = (step: number): RunRecord => ({
  id: 'r1', name: 'run', createdAt: 1, updatedAt: 1, config: defaultConfig(), seed: 1, edits: [], status: 'running',
  series: { ...emptySeries(), steps: { step: Array.from({ length: step }, (_, i) => i) } },
});

describe('RunSaver', () => {
  it('throttles, and reports a full quota as text while the last good save stays intact', async () => {
    const store = await RunStore.open('saver-test');
    let t = 0;
    const saver = new RunSaver(async () => store, () => t);
    expect(saver.due('r1')).toBe(true);
    expect(await saver.save(record(3), [])).toEqual({ ok: true });
    expect(saver.due('r1')).toBe(false);
    // A new run (after a reset) saves on its first step, so it is listed at once.
    expect(saver.due('r2')).toBe(true);
    t += SAVE_MS;
    expect(saver.due('r1')).toBe(true);
    const spy = vi.spyOn(store, 'save').mockRejectedValueOnce(new StorageFullError('run "run"'));
    const r = await saver.save(record(9), []);
    expect(r.ok).toBe(false);
    expect(r.problem).toMatch(/storage for this site is full/);
    spy.mockRestore();
    expect((await store.get('r1'))?.series.steps.step).toHaveLength(3);
    store.close();
  });

  it('chains writes in order, and is not due while one is pending', async () => {
    const store = await RunStore.open('saver-order');
    const order: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const real = store.save.bind(store);
    vi.spyOn(store, 'save').mockImplementation(async (rec, ck) => {
      const n = rec.series.steps.step!.length;
      if (n === 3) await gate; // the first write is slow
      await real(rec, ck);
      order.push(n);
    });
    let t = 0;
    const saver = new RunSaver(async () => store, () => t);
    const first = saver.save(record(3), []);
    t += SAVE_MS;
    expect(saver.due('r1')).toBe(false); // still writing
    const second = saver.save(record(5), []);
    release();
    expect(await first).toEqual({ ok: true });
    expect(await second).toEqual({ ok: true });
    expect(order).toEqual([3, 5]);
    expect((await store.get('r1'))?.series.steps.step).toHaveLength(5);
    t += SAVE_MS;
    expect(saver.due('r1')).toBe(true);
    store.close();
  });

  it('settled() waits for every write asked for so far (a moved run lets go only after its last save)', async () => {
    const store = await RunStore.open('saver-settled');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const real = store.save.bind(store);
    vi.spyOn(store, 'save').mockImplementation(async (rec, ck) => {
      await gate;
      await real(rec, ck);
    });
    const saver = new RunSaver(async () => store);
    void saver.save(record(4), []);
    let done = false;
    const settled = saver.settled().then(() => (done = true));
    await new Promise((r) => setTimeout(r, 0));
    expect(done).toBe(false);
    release();
    await settled;
    expect((await store.get('r1'))?.series.steps.step).toHaveLength(4);
    store.close();
  });
});
