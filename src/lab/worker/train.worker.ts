// The training worker: a thin shell around Session. The page never runs tfjs training.
import { transferables, type Command, type WorkerEvent } from '../contract';
import { Session } from './session';

const session = new Session(
  (ev: WorkerEvent) => self.postMessage(ev, { transfer: transferables(ev) }),
  import.meta.env.BASE_URL,
);

self.onmessage = (e: MessageEvent<Command>) => session.handle(e.data);
