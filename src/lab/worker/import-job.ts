// One dataset import, off the main thread: read the files, parse and decompress them (core
// importDataset: format detection, caps, split), keep the result in IndexedDB, and report.
// Every failure becomes one plain-text message naming the file and the problem; nothing is
// stored unless the whole import succeeded, so the current run and saved runs are untouched.
import { DEFAULT_MEMORY_BUDGET, importDataset, importErrorCode, type DecodeImage, type ImportFile } from '../../core/import';
import { DataFormatError } from '../../core/data/errors';
import { StorageFullError, type RunStore } from '../../core/storage/run-store';
import { slug } from '../../core/text/slug';
import type { ImportCommand, ImportEvent, ImportSettings } from '../contract';

/** Progress events at most this often (a large file reports thousands of times). */
export const PROGRESS_MS = 100;

export interface ImportDeps {
  store: () => Promise<RunStore>;
  decodeImage?: DecodeImage;
  post: (ev: ImportEvent) => void;
  now?: () => number;
}

const PHASES: Record<string, string> = { decompress: 'Decompressing', unpack: 'Unpacking', parse: 'Reading records', decode: 'Decoding images' };

export function datasetId(name: string, now = Date.now()): string {
  return `imp-${slug(name, 'dataset', 40)}-${now.toString(36)}`;
}

/** A file as the worker receives it (File; anything read the same way in tests). */
export type ImportSource = Pick<File, 'name' | 'size' | 'arrayBuffer'>;

/**
 * One import command: read the files, then runImport. Never rejects on a failed read (e.g. the
 * file was moved, or the browser ran out of memory): that becomes an import-error naming the
 * file, so the page never waits on a job that is no longer running.
 */
export async function handleImport(cmd: Omit<ImportCommand, 'files'> & { files: ImportSource[] }, deps: ImportDeps, signal?: AbortSignal): Promise<void> {
  const names = cmd.files.map((f) => f.name).join(', ') || '(no file)';
  let current = names;
  try {
    const files: ImportFile[] = [];
    for (const f of cmd.files) {
      current = f.name;
      deps.post({ type: 'import-progress', jobId: cmd.jobId, file: f.name, phase: 'Reading the file', done: 0, total: f.size, unit: 'bytes' });
      files.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
    }
    current = names;
    await runImport(cmd.jobId, files, cmd.settings, deps, signal);
  } catch (e) {
    deps.post(importFailure(cmd.jobId, current, e));
  }
}

/** Commands handled one after another: two imports at once would need twice the memory, and their progress would interleave. */
export function importQueue(deps: ImportDeps): (cmd: Parameters<typeof handleImport>[0], signal?: AbortSignal) => Promise<void> {
  let tail: Promise<void> = Promise.resolve();
  return (cmd, signal) => {
    const job = tail.then(() => handleImport(cmd, deps, signal));
    // A job that fails to report (post threw) must not stop the ones after it.
    tail = job.catch(() => undefined);
    return job;
  };
}

/**
 * The import's memory budget from the device's memory (navigator.deviceMemory, in GB, which
 * browsers round and cap at 8): a quarter of it, at most the core's default. Unknown: the default.
 */
export function memoryBudget(deviceMemoryGb: number | undefined): number {
  if (!deviceMemoryGb || !Number.isFinite(deviceMemoryGb) || deviceMemoryGb <= 0) return DEFAULT_MEMORY_BUDGET;
  return Math.min(DEFAULT_MEMORY_BUDGET, Math.round((deviceMemoryGb * 2 ** 30) / 4));
}

/** `signal` belongs to this job alone: cancelling one import never reaches the next. */
export async function runImport(jobId: number, files: ImportFile[], settings: ImportSettings, deps: ImportDeps, signal?: AbortSignal): Promise<void> {
  const now = deps.now ?? (() => performance.now());
  let last = -Infinity;
  const names = files.map((f) => f.name).join(', ') || '(no file)';
  try {
    const { dataset, report } = await importDataset(files, {
      testFraction: settings.testFraction,
      maxTrain: settings.maxTrain,
      maxTest: settings.maxTest,
      imageSize: settings.imageSize,
      seed: settings.seed,
      memoryBudgetBytes: settings.memoryBudgetBytes ?? memoryBudget((globalThis.navigator as { deviceMemory?: number } | undefined)?.deviceMemory),
      decodeImage: deps.decodeImage,
      signal,
      onProgress: (p) => {
        const t = now();
        if (t - last < PROGRESS_MS && p.done < p.total) return;
        last = t;
        // Past the size the file states, the bar runs toward the budget, where inflating stops.
        const phase = (PHASES[p.phase] ?? p.phase) + (p.pastStated ? ' (more than the file states; stops at the memory budget)' : '');
        deps.post({ type: 'import-progress', jobId, file: p.file, phase, done: p.done, total: p.total, unit: p.unit });
      },
    });
    const id = datasetId(dataset.name);
    deps.post({ type: 'import-progress', jobId, file: names, phase: 'Saving in the browser', done: 0, total: 1, unit: 'files' });
    const store = await deps.store();
    const info = await store.saveDataset(id, dataset, report.notes);
    const caps = report.caps.map((c) => `The ${c.split} split had ${c.available} images; ${c.kept} were kept (the ${c.split} cap).`);
    deps.post({ type: 'import-done', jobId, info, notes: report.notes, caps });
  } catch (e) {
    deps.post(importFailure(jobId, names, e));
  }
}

/** The message for a failed import: the core's errors already name the file, what was expected and what to do. */
export function importFailure(jobId: number, names: string, e: unknown): Extract<ImportEvent, { type: 'import-error' }> {
  if (e instanceof DataFormatError) {
    return { type: 'import-error', jobId, file: e.file, code: importErrorCode(e) ?? 'format', message: e.message };
  }
  if (e instanceof StorageFullError) return { type: 'import-error', jobId, file: names, code: 'storage', message: `${names}: ${e.message}` };
  const msg = (e as Error)?.message ?? String(e);
  // File.arrayBuffer() fails so when the file changed, moved or cannot be read since it was chosen.
  if ((e as Error)?.name === 'NotReadableError' || (e as Error)?.name === 'NotFoundError') {
    return { type: 'import-error', jobId, file: names, code: 'read', message: `${names}: the browser could not read the file (${msg}). Check that it still exists and is readable, then choose it again.` };
  }
  if ((e as Error)?.name === 'RangeError' || /allocation|out of memory/i.test(msg)) {
    return { type: 'import-error', jobId, file: names, code: 'memory', message: `${names}: the browser ran out of memory reading it (${msg}). Import fewer files or lower the caps.` };
  }
  return { type: 'import-error', jobId, file: names, code: 'internal', message: `${names}: the import failed: ${msg}` };
}
