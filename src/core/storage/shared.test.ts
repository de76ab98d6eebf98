import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DB_NAME, DB_VERSION, RunStore, StorageBlockedError } from './run-store';
import { sharedRunStore } from './shared';

afterEach(() => vi.restoreAllMocks());

describe('sharedRunStore', () => {
  it('opens one connection, and tries again after a failed open instead of keeping the failure', async () => {
    vi.spyOn(RunStore, 'open').mockRejectedValueOnce(new Error('boom'));
    await expect(sharedRunStore()).rejects.toThrow("The browser's storage (IndexedDB) is not available: boom");
    const s = await sharedRunStore();
    expect(await sharedRunStore()).toBe(s);
    s.close();
  });

  it('names the cause when the context has no IndexedDB at all (some private windows)', async () => {
    vi.stubGlobal('indexedDB', undefined);
    try {
      await expect(sharedRunStore()).rejects.toThrow(/offers no storage \(IndexedDB is missing.*export a run file/);
    } finally {
      vi.unstubAllGlobals();
    }
    const s = await sharedRunStore(); // not kept: storage that comes back is used
    s.close();
  });

  it('passes "another tab" refusals on as they are', async () => {
    const blocked = new StorageBlockedError('The lab is open in another tab with an older version; close other HKD Lab tabs and reload.');
    vi.spyOn(RunStore, 'open').mockRejectedValueOnce(blocked);
    await expect(sharedRunStore()).rejects.toBe(blocked);
  });

  it('opens a new connection once the shared one was closed (e.g. for another tab upgrading)', async () => {
    const s = await sharedRunStore();
    const newer = await openDB(DB_NAME, DB_VERSION + 1);
    expect(s.closed).toBe(true);
    newer.close();
    // This version can no longer open the upgraded database, but it says so instead of using the closed connection.
    await expect(sharedRunStore()).rejects.toThrow(/written by a newer version of HKD Lab.*export a run file/);
    await new Promise<void>((r) => { const del = indexedDB.deleteDatabase(DB_NAME); del.onsuccess = () => r(); });
    const again = await sharedRunStore();
    expect(again).not.toBe(s);
    expect(again.closed).toBe(false);
    again.close();
  });
});
