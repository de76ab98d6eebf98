// The worker's side of liveness (both workers): a heartbeat from a timer, so the page hears an
// idle or paused worker too; a second heartbeat from a nested thread (below), heard while this
// thread is busy; and a report of what would otherwise die silently inside it: an
// uncaught error (the page's `error` event gets it as well) and an unhandled rejection (which
// never reaches the page). Either leaves the worker in an unknown state, so the page treats the
// report as the worker's death. The debug actions kill the worker on purpose, for tests.
import type { DeathAction, LivenessEvent } from '../contract';
import { HEARTBEAT_MS } from '../worker-link/watchdog';

/** The part of a worker's global scope used here (an EventTarget in unit tests). */
export interface LivenessScope {
  addEventListener(type: 'error' | 'unhandledrejection', listener: (e: Event) => void): void;
  close(): void;
}

const reasonText = (r: unknown) => (r instanceof Error ? r.message : String(r));

/** Starts the heartbeat and the crash reports; returns a stop function. */
export function startLiveness(scope: LivenessScope, post: (ev: LivenessEvent) => void, periodMs = HEARTBEAT_MS): () => void {
  const timer = setInterval(() => post({ type: 'heartbeat' }), periodMs);
  scope.addEventListener('error', (e) => post({ type: 'crashed', message: `an uncaught error: ${(e as ErrorEvent).message || 'no message'}` }));
  scope.addEventListener('unhandledrejection', (e) => post({ type: 'crashed', message: `an unhandled promise rejection: ${reasonText((e as PromiseRejectionEvent).reason)}` }));
  return () => clearInterval(timer);
}

/**
 * The beat thread: a nested worker that beats on a port it hands to the page. A tfjs step blocks
 * this thread (seconds on a loaded machine; its timers cannot fire meanwhile), so the timer beat
 * alone cannot tell a busy worker from a dead one. A nested worker runs on its own thread and is
 * terminated with its parent, so its beats stop exactly when the worker is gone. Started from a
 * Blob (a few lines): no separate bundle. Without nested workers, the timer beat still works.
 */
export function startBeatThread(post: (ev: LivenessEvent, transfer: Transferable[]) => void, periodMs = HEARTBEAT_MS): void {
  if (typeof Worker === 'undefined' || typeof Blob === 'undefined') return;
  try {
    const code = `onmessage = (e) => { const port = e.data; setInterval(() => port.postMessage(0), ${periodMs}); };`;
    const beat = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
    const channel = new MessageChannel();
    beat.postMessage(channel.port1, [channel.port1]);
    post({ type: 'beat-port', port: channel.port2 }, [channel.port2]);
  } catch {
    // No nested workers here: the timer beat is the only one.
  }
}

/** Test hook: dies as a browser (close) or a bug (throw, reject) would make it. */
export function simulateDeath(scope: LivenessScope, action: DeathAction): void {
  if (action === 'close') return scope.close();
  // Thrown from the message handler that got the command: uncaught, like a bug in a handler.
  if (action === 'throw') throw new Error('simulated uncaught error (debug command)');
  void Promise.reject(new Error('simulated unhandled rejection (debug command)'));
}
