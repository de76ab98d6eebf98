// The training worker: a thin shell around Session. The page never runs tfjs training.
import { transferables, type Command, type WorkerEvent } from '../contract';
import { simulateDeath, startBeatThread, startLiveness } from './liveness';
import { Session } from './session';

const post = (ev: WorkerEvent) => self.postMessage(ev, { transfer: transferables(ev) });
startLiveness(self, post);
startBeatThread(post);
const session = new Session(post, import.meta.env.BASE_URL);

self.onmessage = (e: MessageEvent<Command>) => {
  const cmd = e.data;
  if (cmd.type === 'debug' && cmd.action !== 'lose-device') return simulateDeath(self, cmd.action);
  session.handle(cmd);
};
