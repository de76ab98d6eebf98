import { beforeEach, describe, expect, it, vi } from 'vitest';
import { afterFirstSave, describeStorage, resetPersistenceForTests, useStorageStatus } from './persistence';

const manager = (persisted: boolean, grant: boolean) => ({
  persisted: vi.fn(async () => persisted),
  persist: vi.fn(async () => grant),
  estimate: vi.fn(async () => ({ usage: 12_300_000, quota: 2_000_000_000 })),
});

beforeEach(() => resetPersistenceForTests());

describe('storage persistence', () => {
  it('asks once, after the first save, and reports what the browser granted with the space used', async () => {
    const m = manager(false, true);
    await afterFirstSave(m);
    await afterFirstSave(m);
    expect(m.persist).toHaveBeenCalledTimes(1);
    expect(useStorageStatus.getState()).toEqual({ mode: 'persistent', usage: 12_300_000, quota: 2_000_000_000 });
    expect(describeStorage(useStorageStatus.getState())).toBe('Storage is persistent: the browser keeps saved runs until you delete them. 12.3 MB used of 2.0 GB allowed.');
  });

  it('does not ask again when storage is persistent already; a refusal reads best-effort', async () => {
    const kept = manager(true, false);
    await afterFirstSave(kept);
    expect(kept.persist).not.toHaveBeenCalled();
    expect(useStorageStatus.getState().mode).toBe('persistent');
    resetPersistenceForTests();
    await afterFirstSave(manager(false, false));
    expect(describeStorage(useStorageStatus.getState())).toMatch(/^Storage is best-effort: the browser may clear saved runs.*Export a run file/);
  });

  it('a browser without a StorageManager, or one that throws, is said so rather than guessed', async () => {
    await afterFirstSave(undefined);
    expect(describeStorage(useStorageStatus.getState())).toMatch(/does not say whether it keeps saved runs/);
    resetPersistenceForTests();
    const broken = { ...manager(false, true), persisted: vi.fn(async () => { throw new Error('no'); }), estimate: vi.fn(async () => { throw new Error('no'); }) };
    await afterFirstSave(broken);
    expect(useStorageStatus.getState()).toEqual({ mode: 'best-effort' });
    expect(describeStorage({ mode: 'not-asked' })).toBe('');
  });
});
