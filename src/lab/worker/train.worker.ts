// The training worker: a thin shell around Session. The page never runs tfjs training.
import { transferables, type Command, type WorkerEvent } from '../contract';
import * as tf from '@tensorflow/tfjs';
import { Session } from './session';

// For the soak benchmark (scripts/bench-lab.mjs reads it through the worker): tensor counts and heap.
(self as unknown as { __hkdWorker: unknown }).__hkdWorker = {
  memory: () => ({ numTensors: tf.memory().numTensors, numBytes: tf.memory().numBytes, heap: (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null }),
};

const session = new Session(
  (ev: WorkerEvent) => self.postMessage(ev, { transfer: transferables(ev) }),
  import.meta.env.BASE_URL,
);

self.onmessage = (e: MessageEvent<Command>) => session.handle(e.data);
