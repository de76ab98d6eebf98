// One worker as the page holds it: its messages, minus the liveness ones, go to `onEvent`; its
// death, whichever way it comes (silence, an `error` or `messageerror` event, or the worker saying
// it crashed), goes to `onDead` once. A dead worker is terminated at once: one that threw may still
// run, and must not go on writing the saved run that a new worker is about to reopen.
import type { LivenessEvent } from '../contract';
import { Watchdog, type Death } from './watchdog';

/** The part of a Worker used here (a fake in unit tests). */
export interface WorkerLike {
  onmessage: ((e: MessageEvent) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  onmessageerror: ((e: MessageEvent) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
  terminate(): void;
}

const isLiveness = (ev: { type: string }): ev is LivenessEvent => ev.type === 'heartbeat' || ev.type === 'crashed' || ev.type === 'beat-port';

export class WorkerLink<E extends { type: string }> {
  readonly watchdog: Watchdog;
  private closed = false;
  private beatPort: MessagePort | null = null;

  constructor(
    private readonly worker: WorkerLike,
    onEvent: (ev: Exclude<E, LivenessEvent>) => void,
    onDead: (d: Death) => void,
    now?: () => number,
  ) {
    this.watchdog = new Watchdog((d) => {
      this.close();
      onDead(d);
    }, now);
    worker.onmessage = (e: MessageEvent<E | LivenessEvent>) => {
      if (this.closed) return;
      this.watchdog.alive();
      const ev = e.data;
      if (!isLiveness(ev)) return onEvent(ev as Exclude<E, LivenessEvent>);
      if (ev.type === 'crashed') this.watchdog.dead({ cause: 'crashed', detail: ev.message });
      if (ev.type === 'beat-port') {
        // The worker's beat thread: heard even while the worker's own thread is busy.
        this.beatPort = ev.port;
        this.watchdog.steady();
        ev.port.onmessage = () => {
          if (!this.closed) this.watchdog.alive();
        };
      }
    };
    // An uncaught error inside the worker arrives here too (after the worker's own report).
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault?.();
      this.watchdog.dead({ cause: 'error', detail: e.message || 'an error with no message (the worker script may have failed to load)' });
    };
    worker.onmessageerror = () => this.watchdog.dead({ cause: 'messageerror', detail: 'a message from it could not be read' });
  }

  get alive(): boolean {
    return !this.closed;
  }

  post(message: unknown, transfer?: Transferable[]): void {
    if (!this.closed) this.worker.postMessage(message, transfer);
  }

  /** Stops watching and terminates the worker (a deliberate replacement, or after its death). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.watchdog.stop();
    this.beatPort?.close();
    this.worker.onmessage = this.worker.onerror = this.worker.onmessageerror = null;
    this.worker.terminate();
  }
}
