// The import worker: dataset files are read, decompressed and parsed here, never on the page's
// main thread, and stored in IndexedDB for the training worker to load by id.
import { decodeImageWithBitmap } from '../../core/import/decode-bitmap';
import type { ImportCommand, ImportEvent } from '../contract';
import { runStore } from './db';
import { runImport } from './import-job';

const post = (ev: ImportEvent) => self.postMessage(ev);

self.onmessage = async (e: MessageEvent<ImportCommand>) => {
  const cmd = e.data;
  if (cmd.type !== 'import') return;
  const files = [];
  for (const f of cmd.files) {
    post({ type: 'import-progress', jobId: cmd.jobId, file: f.name, phase: 'Reading the file', done: 0, total: f.size, unit: 'bytes' });
    files.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
  }
  await runImport(cmd.jobId, files, cmd.settings, { store: runStore, decodeImage: decodeImageWithBitmap, post });
};
