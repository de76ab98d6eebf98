import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { RunStore, StorageFullError, type RunRecord } from '../../core/storage/run-store';
import { defaultConfig } from '../../core/train/config';
import { logFrom } from '../../core/runs/run-log.test-util';
import { LOOKAHEAD_MS, RunSaver, SAVE_MS } from './run-saver';

const record = (step: number): RunRecord => ({
  id: 'r1', name: 'run', createdAt: 1, updatedAt: 1, config: defaultConfig(), seed: 1, edits: [], status: 'running',
  series: logFrom([], step, {}),
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
    expect((await store.get('r1'))?.series.length).toBe(3);
    store.close();
  });

  it('saves one step early when the next step would end past SAVE_MS (gaps stay within it), planning for steps up to LOOKAHEAD_MS', async () => {
    let t = 0;
    const saver = new RunSaver(async () => ({ save: async () => {} }) as unknown as RunStore, () => t);
    const gaps = async (stepMs: number, steps: number) => {
      const at: number[] = [];
      for (let i = 0; i < steps; i++) {
        t += stepMs;
        if (saver.due('r1')) {
          at.push(t);
          await saver.save(record(1), []);
        }
      }
      return at.slice(1).map((a, i) => a - at[i]);
    };
    // Steps of 0.7 s: every third step end (2.1 s); waiting for the fourth would make 2.8 s.
    const fast = await gaps(700, 40);
    expect(new Set(fast)).toEqual(new Set([2_100]));
    // Slow steps (1.2 s): every other one, 2.4 s.
    expect(new Set((await gaps(1_200, 20)).slice(1))).toEqual(new Set([2_400]));
    // Steps longer than planned for: at the first step end past SAVE_MS - LOOKAHEAD_MS.
    expect(new Set((await gaps(4_000, 10)).slice(1))).toEqual(new Set([4_000]));
    expect(SAVE_MS - LOOKAHEAD_MS).toBeLessThan(4_000);
  });

  it('chains writes in order, and is not due while one is pending', async () => {
    const store = await RunStore.open('saver-order');
    const order: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const real = store.save.bind(store);
    vi.spyOn(store, 'save').mockImplementation(async (rec, ck) => {
      const n = rec.series.length;
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
    expect((await store.get('r1'))?.series.length).toBe(5);
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
    expect((await store.get('r1'))?.series.length).toBe(4);
    store.close();
  });
});
