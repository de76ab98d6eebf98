// What the browser keeps (IndexedDB): imported datasets and saved runs, listed for the page, and
// the dataset import, which runs in its own worker. The training worker writes runs as it goes;
// the page only lists, renames and deletes them (and never the run now training).
import { create } from 'zustand';
import { RunStore, type DatasetInfo, type RunRecord } from '../../core/storage/run-store';
import type { ImportEvent, ImportSettings } from '../contract';

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

let store: Promise<RunStore> | null = null;
function db(): Promise<RunStore> {
  store ??= RunStore.open();
  return store;
}

export function summarise(r: RunRecord): SavedRun {
  const lab = (r.extra?.lab ?? {}) as { labels?: string[]; dataset?: string };
  return { id: r.id, name: r.name, updatedAt: r.updatedAt, step: r.checkpointStep ?? 0, status: r.status, labels: lab.labels ?? [r.config.cold.method], dataset: lab.dataset ?? r.config.cold.dataset };
}

async function guarded<T>(fn: (s: RunStore) => Promise<T>): Promise<T | undefined> {
  try {
    const r = await fn(await db());
    useLibrary.setState({ storageError: null });
    return r;
  } catch (e) {
    useLibrary.setState({ storageError: `The browser's storage could not be read: ${(e as Error)?.message ?? e}` });
    return undefined;
  }
}

export async function refreshLibrary(): Promise<void> {
  const r = await guarded(async (s) => ({ datasets: await s.listDatasets(), runs: (await s.list()).map(summarise) }));
  if (r) useLibrary.setState(r);
}

export async function renameRun(id: string, name: string): Promise<void> {
  await guarded((s) => s.rename(id, name));
  await refreshLibrary();
}

export async function deleteRun(id: string): Promise<void> {
  await guarded((s) => s.delete(id));
  await refreshLibrary();
}

export async function deleteDataset(id: string): Promise<void> {
  await guarded((s) => s.deleteDataset(id));
  await refreshLibrary();
}

export async function loadRuns(ids: string[]): Promise<RunRecord[]> {
  return (await guarded((s) => Promise.all(ids.map((id) => s.get(id))))) ?.filter((r): r is RunRecord => !!r) ?? [];
}

// ---- Import, in its own worker ----

let importer: Worker | null = null;
let nextJob = 1;

function onImportEvent(ev: ImportEvent) {
  const job = useLibrary.getState().job;
  if (!job || job.id !== ev.jobId) return;
  switch (ev.type) {
    case 'import-progress':
      useLibrary.setState({ job: { ...job, phase: ev.phase, done: ev.done, total: ev.total, unit: ev.unit } });
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

/** Sends files to the import worker (File objects are cloned, not read here). */
export function importFiles(files: File[], settings: ImportSettings): void {
  if (!files.length) return;
  importer ??= (() => {
    const w = new Worker(new URL('../worker/import.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<ImportEvent>) => onImportEvent(e.data);
    w.onerror = (e) => {
      const job = useLibrary.getState().job;
      if (job) useLibrary.setState({ job: { ...job, state: 'error', message: `The import worker crashed: ${e.message || 'unknown error'}. Nothing was imported.` } });
      importer?.terminate();
      importer = null;
    };
    return w;
  })();
  const id = nextJob++;
  const names = files.map((f) => f.name).join(', ');
  useLibrary.setState({ job: { id, files: names, state: 'running', phase: 'Starting', done: 0, total: 0, unit: 'bytes', message: '', notes: [] } });
  importer.postMessage({ type: 'import', jobId: id, files, settings });
}
