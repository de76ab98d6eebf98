import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DB_NAME, RunStore, type RunRecord } from '../../core/storage/run-store';
import { announceChange } from '../../core/storage/changes';
import { sharedRunStore } from '../../core/storage/shared';
import { defaultConfig } from '../../core/train/config';
import { logFrom } from '../../core/runs/run-log.test-util';
import { deleteDataset, deleteRun, FOLLOW_MS, followOtherTabs, followWorkerEvent, importerDied, refreshLibrary, renameRun, useLibrary, type ImportJob } from './library';

const record = (id: string, name: string): RunRecord => ({
  id, name, createdAt: 1, updatedAt: 1, config: defaultConfig(), seed: 1, edits: [], status: 'running', checkpointStep: 5,
  series: logFrom([], 3, {}), extra: { lab: { labels: ['HKD'], dataset: 'Digits' } },
});

const settle = () => new Promise((r) => setTimeout(r, 20));

beforeEach(async () => {
  const s = await sharedRunStore();
  for (const r of await s.listInfo()) await s.delete(r.id);
  await s.save(record('r1', 'first run'));
  useLibrary.setState({ runs: [], datasets: [], storageError: null });
});
afterEach(() => vi.restoreAllMocks());

describe('library', () => {
  it('lists saved runs from their summaries, without loading any series', async () => {
    vi.spyOn(RunStore.prototype, 'list').mockRejectedValue(new Error('list() loads every series'));
    vi.spyOn(RunStore.prototype, 'get').mockRejectedValue(new Error('get() loads a series'));
    await refreshLibrary();
    expect(useLibrary.getState().storageError).toBeNull();
    expect(useLibrary.getState().runs).toEqual([{ id: 'r1', name: 'first run', updatedAt: expect.any(Number), step: 5, status: 'running', labels: ['HKD'], dataset: 'Digits' }]);
  });

  it('tries to open the storage again after a failed open', async () => {
    (await sharedRunStore()).close(); // the next use opens anew
    vi.spyOn(RunStore, 'open').mockRejectedValueOnce(new Error('boom'));
    await refreshLibrary();
    expect(useLibrary.getState().storageError).toMatch(/Could not read the saved runs and datasets: .*boom/);
    await refreshLibrary();
    expect(useLibrary.getState().storageError).toBeNull();
    expect(useLibrary.getState().runs.map((r) => r.id)).toEqual(['r1']);
  });

  it('a failed rename or delete names the operation and the run or dataset, and the message stays', async () => {
    await refreshLibrary();
    vi.spyOn(RunStore.prototype, 'rename').mockRejectedValueOnce(new Error('disk error'));
    await renameRun('r1', 'better name');
    expect(useLibrary.getState().storageError).toBe('Could not rename run "first run" to "better name": disk error');
    vi.spyOn(RunStore.prototype, 'delete').mockRejectedValueOnce(new Error('disk error'));
    await deleteRun('r1');
    expect(useLibrary.getState().storageError).toBe('Could not delete run "first run": disk error');
    useLibrary.setState({ datasets: [{ id: 'imp-1', name: 'Street signs', savedAt: 1, train: 1, test: 1, height: 1, width: 1, channels: 1, classes: 2 }] });
    vi.spyOn(RunStore.prototype, 'deleteDataset').mockRejectedValueOnce(new Error('disk error'));
    await deleteDataset('imp-1');
    expect(useLibrary.getState().storageError).toBe('Could not delete dataset "Street signs": disk error');
    await renameRun('r1', 'better name');
    expect(useLibrary.getState().storageError).toBeNull();
    expect(useLibrary.getState().runs[0].name).toBe('better name');
  });

  it('follows saves of a listed run without reading storage; a new run or a restart re-reads the list', async () => {
    await refreshLibrary();
    const listInfo = vi.spyOn(RunStore.prototype, 'listInfo');
    const before = Date.now();
    followWorkerEvent({ type: 'saved', runKey: 'r1', step: 40 });
    await settle();
    expect(listInfo).not.toHaveBeenCalled();
    expect(useLibrary.getState().runs[0]).toMatchObject({ id: 'r1', step: 40 });
    expect(useLibrary.getState().runs[0].updatedAt).toBeGreaterThanOrEqual(before);
    // A failed save changed nothing.
    followWorkerEvent({ type: 'saved', runKey: 'r1', step: 50, problem: 'full' });
    await settle();
    expect(useLibrary.getState().runs[0].step).toBe(40);
    expect(listInfo).not.toHaveBeenCalled();
    // The first save of a new run: it is listed from storage.
    await (await sharedRunStore()).save(record('r2', 'second run'));
    followWorkerEvent({ type: 'saved', runKey: 'r2', step: 1 });
    await settle();
    expect(listInfo).toHaveBeenCalledTimes(1);
    expect(useLibrary.getState().runs.map((r) => r.id)).toEqual(['r2', 'r1']);
    followWorkerEvent({ type: 'saved', runKey: 'r1', step: 60 });
    expect(useLibrary.getState().runs.map((r) => r.id)).toEqual(['r1', 'r2']);
    followWorkerEvent({ type: 'ready' } as Parameters<typeof followWorkerEvent>[0]);
    await settle();
    expect(listInfo).toHaveBeenCalledTimes(2);
  });

  it('a dead import worker fails the job in progress with what happened, and leaves a finished one alone', () => {
    const job: ImportJob = { id: 3, files: 'a.bin, b.bin', state: 'running', phase: 'Parsing', done: 1, total: 2, unit: 'files', message: '', notes: [] };
    useLibrary.setState({ job });
    importerDied({ cause: 'silent', detail: 'no sign of life for 4.0 s' });
    expect(useLibrary.getState().job).toMatchObject({ id: 3, state: 'error', phase: '' });
    expect(useLibrary.getState().job?.message).toBe('The import worker is gone: stopped answering (no sign of life for 4.0 s); the browser may have closed it, for example to free memory. Nothing was imported from a.bin, b.bin. Import the files again to retry.');
    const done: ImportJob = { ...job, state: 'done', message: 'Imported it.' };
    useLibrary.setState({ job: done });
    importerDied({ cause: 'crashed', detail: 'an uncaught error: x' });
    expect(useLibrary.getState().job).toBe(done);
  });

  it("follows another tab's writes: a burst of its changes is one re-read of the list", async () => {
    await refreshLibrary();
    const stop = followOtherTabs();
    // Another tab: its own connection to the same database, announcing what it writes.
    const other = await RunStore.open(DB_NAME, { onChange: announceChange });
    const reads = vi.spyOn(RunStore.prototype, 'listInfo');
    await other.save(record('r2', 'from the other tab'));
    await other.rename('r1', 'renamed there');
    await vi.waitFor(() => expect(useLibrary.getState().runs.map((r) => r.name).sort()).toEqual(['from the other tab', 'renamed there']), { timeout: 5 * FOLLOW_MS });
    expect(reads).toHaveBeenCalledTimes(1);
    await other.delete('r2');
    await vi.waitFor(() => expect(useLibrary.getState().runs.map((r) => r.id)).toEqual(['r1']), { timeout: 5 * FOLLOW_MS });
    stop();
    other.close();
  });

  it("does not re-read the list for the saves this page's own worker reports", async () => {
    await refreshLibrary();
    const stop = followOtherTabs((c) => c.kind === 'run' && c.op === 'saved' && c.id === 'r1');
    const worker = await RunStore.open(DB_NAME, { onChange: announceChange });
    const reads = vi.spyOn(RunStore.prototype, 'listInfo');
    await worker.save(record('r1', 'first run'));
    await new Promise((r) => setTimeout(r, 3 * FOLLOW_MS));
    expect(reads).not.toHaveBeenCalled();
    await worker.save(record('r3', 'another'));
    await vi.waitFor(() => expect(reads).toHaveBeenCalledTimes(1), { timeout: 5 * FOLLOW_MS });
    stop();
    worker.close();
  });
});
