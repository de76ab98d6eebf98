// The import worker: dataset files are read, decompressed and parsed here, never on the page's
// main thread, and stored in IndexedDB for the training worker to load by id.
import { decodeImageWithBitmap } from '../../core/import/decode-bitmap';
import type { ImportWorkerCommand, ImportWorkerEvent } from '../contract';
import { runStore } from './db';
import { importQueue } from './import-job';
import { simulateDeath, startBeatThread, startLiveness } from './liveness';
import { TEST_BUILD } from '../test-build';

const post = (ev: ImportWorkerEvent) => self.postMessage(ev);
startLiveness(self, post);
startBeatThread((ev, transfer) => self.postMessage(ev, { transfer }));
const enqueue = importQueue({ store: runStore, decodeImage: decodeImageWithBitmap, post });

self.onmessage = (e: MessageEvent<ImportWorkerCommand>) => {
  if (e.data.type === 'debug') return TEST_BUILD ? simulateDeath(self, e.data.action) : undefined; // no test hooks in production
  if (e.data.type === 'import') void enqueue(e.data).catch((err) => console.error('import worker: could not report', err));
};
