// The training worker: a thin shell around Session. The page never runs tfjs training.
import { transferables, type Command, type WorkerEvent } from '../contract';
import * as tf from '@tensorflow/tfjs';
import { startBeatThread, startLiveness } from './liveness';
import { browserDeps } from './browser-deps';
import { debugDeath } from './debug-hooks';
import { Session } from './session';
import { TEST_BUILD } from '../test-build';

// For the soak benchmark (scripts/bench-lab.mjs reads it through the worker): tensor counts and the
// wasm heap (performance.memory does not exist in workers).
if (TEST_BUILD) {
  (self as unknown as { __hkdWorker: unknown }).__hkdWorker = {
    memory: () => ({ numTensors: tf.memory().numTensors, numBytes: tf.memory().numBytes, wasmHeap: (tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } }).wasm?.HEAPU8?.length ?? null }),
  };
}

const post = (ev: WorkerEvent) => self.postMessage(ev, { transfer: transferables(ev) });
startLiveness(self, post);
startBeatThread(post);
const session = new Session(browserDeps(post, import.meta.env.BASE_URL));

self.onmessage = (e: MessageEvent<Command>) => {
  const cmd = e.data;
  if (cmd.type === 'debug') {
    if (!TEST_BUILD) return; // a production build has no test hooks
    if (debugDeath(self, cmd)) return;
  }
  session.handle(cmd);
};
