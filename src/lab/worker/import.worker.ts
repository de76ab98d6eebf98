// The import worker: dataset files are read, decompressed and parsed here, never on the page's
// main thread, and stored in IndexedDB for the training worker to load by id.
import { decodeImageWithBitmap } from '../../core/import/decode-bitmap';
import type { ImportCommand, ImportEvent } from '../contract';
import { runStore } from './db';
import { importQueue } from './import-job';

const post = (ev: ImportEvent) => self.postMessage(ev);
const enqueue = importQueue({ store: runStore, decodeImage: decodeImageWithBitmap, post });

self.onmessage = (e: MessageEvent<ImportCommand>) => {
  if (e.data.type === 'import') void enqueue(e.data).catch((err) => console.error('import worker: could not report', err));
};
