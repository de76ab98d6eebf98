// What the browser keeps (IndexedDB): imported datasets and saved runs, listed for the page, and
// the dataset import, which runs in its own worker. The training worker writes runs as it goes;
// the page only lists, renames and deletes them. The run now training cannot be deleted from the
// list (its next save would write it again). The lists follow other tabs' writes too.
import { create } from 'zustand';
import type { DatasetInfo, RunRecord, RunStore, SavedRunInfo } from '../../core/storage/run-store';
import { sharedRunStore } from '../../core/storage/shared';
import { onStorageChange, type StorageChange } from '../../core/storage/changes';
import type { DeathAction, ImportEvent, ImportSettings, ImportWorkerCommand, ImportWorkerEvent, WorkerEvent } from '../contract';
import { WorkerLink } from '../worker-link/link';
import type { Death } from '../worker-link/watchdog';
import { afterFirstSave } from './persistence';

export interface SavedRun {
  id: string;
  name: string;
  updatedAt: number;
  step: number;
  status: RunRecord['status'];
  labels: string[];
  dataset: string;
}

export interface ImportJob {
  id: number;
  files: string;
  state: 'running' | 'done' | 'error';
  phase: string;
  done: number;
  total: number;
  unit: string;
  /** The file being worked on now (the job may hold several). */
  current?: string;
  /** Error text (file + problem), or the notes of a finished import (split, caps). */
  message: string;
  notes: string[];
  datasetId?: string;
}

export interface LibraryState {
  datasets: DatasetInfo[];
  runs: SavedRun[];
  job: ImportJob | null;
  storageError: string | null;
}

export const useLibrary = create<LibraryState>(() => ({ datasets: [], runs: [], job: null, storageError: null }));

export function summarise(r: SavedRunInfo): SavedRun {
  return { id: r.id, name: r.name, updatedAt: r.updatedAt, step: r.checkpointStep ?? 0, status: r.status, labels: r.labels, dataset: r.dataset };
}

/** Runs `fn` on the store; a failure is shown as "Could not <what>: <reason>" and gives undefined. */
async function guarded<T>(what: string, fn: (s: RunStore) => Promise<T>): Promise<T | undefined> {
  try {
    const r = await fn(await sharedRunStore());
    useLibrary.setState({ storageError: null });
    return r;
  } catch (e) {
    useLibrary.setState({ storageError: `Could not ${what}: ${(e as Error)?.message ?? e}` });
    return undefined;
  }
}

const runName = (id: string) => useLibrary.getState().runs.find((r) => r.id === id)?.name ?? id;
const datasetName = (id: string) => useLibrary.getState().datasets.find((d) => d.id === id)?.name ?? id;

/** Reads the lists (summaries only: no series, no pixels). */
export async function refreshLibrary(): Promise<void> {
  const r = await guarded('read the saved runs and datasets', async (s) => ({ datasets: await s.listDatasets(), runs: (await s.listInfo()).map(summarise) }));
  if (r) useLibrary.setState(r);
}

/**
 * The list follows the training worker: a save of a listed run updates its line here, without
 * reading storage; a run not listed yet, or a (re)start, re-reads the list.
 */
export function followWorkerEvent(ev: Extract<WorkerEvent, { type: 'saved' | 'ready' }>): void {
  if (ev.type === 'ready') return void refreshLibrary();
  if (ev.problem) return; // nothing was written
  void afterFirstSave();
  const runs = useLibrary.getState().runs;
  const run = runs.find((r) => r.id === ev.runKey);
  if (!run) return void refreshLibrary();
  useLibrary.setState({ runs: [{ ...run, step: ev.step, updatedAt: Date.now() }, ...runs.filter((r) => r !== run)] });
}

/** How long a burst of other contexts' changes is gathered into one re-read of the lists. */
export const FOLLOW_MS = 300;

/**
 * The lists follow every other context's writes (another tab's training or import, a rename or a
 * delete there): a burst of announcements is one re-read. `ownSave` names the saves this page
 * already follows through its training worker's `saved` events (followWorkerEvent, no read):
 * they are not read again every couple of seconds. Returns the unsubscribe.
 */
export function followOtherTabs(ownSave: (c: StorageChange) => boolean = () => false): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const stop = onStorageChange((c) => {
    if (timer || ownSave(c)) return;
    timer = setTimeout(() => {
      timer = null;
      void refreshLibrary();
    }, FOLLOW_MS);
  });
  return () => {
    if (timer) clearTimeout(timer);
    stop();
  };
}

/** The checkpoint step storage holds for a saved run, as last listed. */
export const storedStep = (id: string | null): number | undefined => useLibrary.getState().runs.find((r) => r.id === id)?.step;

// After a failed change the list is not re-read: nothing changed, and a successful read would hide the error.
export async function renameRun(id: string, name: string): Promise<void> {
  if (await guarded(`rename run "${runName(id)}" to "${name}"`, (s) => s.rename(id, name).then(() => true))) await refreshLibrary();
}

export async function deleteRun(id: string): Promise<void> {
  if (await guarded(`delete run "${runName(id)}"`, (s) => s.delete(id).then(() => true))) await refreshLibrary();
}

export async function deleteDataset(id: string): Promise<void> {
  if (await guarded(`delete dataset "${datasetName(id)}"`, (s) => s.deleteDataset(id).then(() => true))) await refreshLibrary();
}

export async function loadRuns(ids: string[]): Promise<RunRecord[]> {
  const names = ids.map((id) => `"${runName(id)}"`).join(' and ');
  return (await guarded(`open the saved runs ${names}`, (s) => Promise.all(ids.map((id) => s.get(id)))))?.filter((r): r is RunRecord => !!r) ?? [];
}

// ---- Import, in its own worker ----

let importer: WorkerLink<ImportWorkerEvent> | null = null;
/** The raw worker, only for the test hook that terminates it behind the link's back. */
let rawImporter: Worker | null = null;
let nextJob = 1;

function onImportEvent(ev: ImportEvent) {
  const job = useLibrary.getState().job;
  if (!job || job.id !== ev.jobId) return;
  switch (ev.type) {
    case 'import-progress':
      useLibrary.setState({ job: { ...job, current: ev.file, phase: ev.phase, done: ev.done, total: ev.total, unit: ev.unit } });
      break;
    case 'import-done':
      useLibrary.setState({ job: { ...job, state: 'done', phase: '', message: `Imported ${ev.info.name}: ${ev.info.train} training and ${ev.info.test} test images, ${ev.info.classes} classes, ${ev.info.height}×${ev.info.width}×${ev.info.channels}.`, notes: [...ev.caps, ...ev.notes.filter((n) => !/cap\)/.test(n))], datasetId: ev.info.id } });
      void refreshLibrary();
      break;
    case 'import-error':
      useLibrary.setState({ job: { ...job, state: 'error', phase: '', message: ev.message, notes: [] } });
      break;
  }
}

/** The import worker died: the job in progress fails with what happened; the next import gets a new worker. */
export function importerDied(d: Death): void {
  importer = rawImporter = null;
  const job = useLibrary.getState().job;
  if (job?.state !== 'running') return;
  const why = d.cause === 'silent' ? `stopped answering (${d.detail}); the browser may have closed it, for example to free memory` : d.detail;
  useLibrary.setState({ job: { ...job, state: 'error', phase: '', notes: [], message: `The import worker is gone: ${why}. Nothing was imported from ${job.files}. Import the files again to retry.` } });
}

function spawnImporter(): WorkerLink<ImportWorkerEvent> {
  const w = new Worker(new URL('../worker/import.worker.ts', import.meta.url), { type: 'module' });
  const l = new WorkerLink<ImportWorkerEvent>(w, onImportEvent, (d) => {
    if (importer === l) importerDied(d);
  });
  rawImporter = w;
  return l;
}

/** Test hooks: kill the import worker from inside, or terminate it as the browser would. */
export const killImporter = (action: DeathAction) => importer?.post({ type: 'debug', action } satisfies ImportWorkerCommand);
export const terminateImporter = () => rawImporter?.terminate();
/** Test hook: the silence the import worker's watchdog allows now (ms). */
export const importerDeadline = () => importer?.watchdog.deadlineMs ?? NaN;

/** Sends files to the import worker (File objects are cloned, not read here). */
export function importFiles(files: File[], settings: ImportSettings): void {
  if (!files.length) return;
  importer ??= spawnImporter();
  const id = nextJob++;
  const names = files.map((f) => f.name).join(', ');
  useLibrary.setState({ job: { id, files: names, state: 'running', phase: 'Starting', done: 0, total: 0, unit: 'bytes', message: '', notes: [] } });
  importer.post({ type: 'import', jobId: id, files, settings } satisfies ImportWorkerCommand);
}
