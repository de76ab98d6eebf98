// One dataset import, off the main thread: read the files, parse and decompress them (core
// importDataset: format detection, caps, split), keep the result in IndexedDB, and report.
// Every failure becomes one plain-text message naming the file and the problem; nothing is
// stored unless the whole import succeeded, so the current run and saved runs are untouched.
import { importDataset, ImportError, importErrorCode, type DecodeImage, type ImportFile } from '../../core/import';
import { DataFormatError } from '../../core/data/errors';
import { StorageFullError, type RunStore } from '../../core/storage/run-store';
import type { ImportEvent, ImportSettings } from '../contract';

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
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'dataset';
  return `imp-${slug}-${now.toString(36)}`;
}

export async function runImport(jobId: number, files: ImportFile[], settings: ImportSettings, deps: ImportDeps): Promise<void> {
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
      memoryBudgetBytes: settings.memoryBudgetBytes,
      decodeImage: deps.decodeImage,
      onProgress: (p) => {
        const t = now();
        if (t - last < PROGRESS_MS && p.done < p.total) return;
        last = t;
        deps.post({ type: 'import-progress', jobId, file: p.file, phase: PHASES[p.phase] ?? p.phase, done: p.done, total: p.total, unit: p.unit });
      },
    });
    const id = datasetId(dataset.name);
    deps.post({ type: 'import-progress', jobId, file: names, phase: 'Saving in the browser', done: 0, total: 1, unit: 'files' });
    const store = await deps.store();
    await store.saveDataset(id, dataset, report.notes);
    const info = (await store.listDatasets()).find((d) => d.id === id)!;
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
  if ((e as Error)?.name === 'RangeError' || /allocation|out of memory/i.test(msg)) {
    return { type: 'import-error', jobId, file: names, code: 'memory', message: `${names}: the browser ran out of memory reading it (${msg}). Import fewer files or lower the caps.` };
  }
  return { type: 'import-error', jobId, file: names, code: 'internal', message: `${names}: the import failed: ${msg}` };
}

export { ImportError };
