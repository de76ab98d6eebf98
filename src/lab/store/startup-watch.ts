// The start-up deadline of a new training worker, measured on the page. It must be: a worker inside
// a long synchronous shader compile (webgl compiles on the calling thread) runs no timers and posts
// nothing until the compile ends, so a deadline kept in the worker would fire only when it no longer
// matters. The page's clock keeps running, and terminating the worker (a switch) always works.
//
// The clock runs while the lab works towards the first step on the new backend: while the worker
// builds the runs (loading) and while it runs before its first step. Time spent paused, waiting for
// the user to press play, is not the backend's and is not counted.
import { BACKEND_NAMES, type BackendName, type BackendPref, type WorkerEvent } from '../contract';

/**
 * Why 60 s: on this 2-core machine without a GPU, wasm builds and finishes its first step in a few
 * seconds and WebGL on SwiftShader in some tens, while software WebGPU needs minutes (about 1.5 min
 * idle, over 4 loaded: shared/notes/tfjs-browser-facts.md). A minute is well beyond what a backend
 * that works well needs, and short enough that nobody waits long without being told.
 */
export const STARTUP_DEADLINE_MS = 60_000;
/** How often the time so far is refreshed: often enough to show start-up is moving. */
export const STARTUP_TICK_MS = 1_000;

export interface StartupView {
  /** What was asked for (the worker reports the backend it chose). */
  pref: BackendPref;
  backend: BackendName | null;
  /** The step this start-up continues from (0 for a new run). */
  fromStep: number;
  /** A run continued from a checkpoint (a switch or a resume after a failure). */
  resuming: boolean;
  /** Time counted towards the deadline so far. */
  elapsedMs: number;
  /** The deadline that passed or is next (it moves on when the user keeps waiting). */
  dueMs: number;
  /** Building, or running before the first step: the clock runs. */
  busy: boolean;
  /** The deadline passed without a step: the next backend is offered. */
  overdue: boolean;
  /** The backend offered next (null when none is left to try). */
  next: BackendName | null;
}

/** The backend after `b` in the fallback order (webgpu → webgl → wasm → cpu); auto still choosing → wasm. */
export function nextBackend(b: BackendName | null): BackendName | null {
  if (!b) return 'wasm';
  return BACKEND_NAMES[BACKEND_NAMES.indexOf(b) + 1] ?? null;
}

export interface StartupWatchOptions {
  /** Read at each start (tests shorten it through window.__hkdLab). */
  deadlineMs: () => number;
  onChange: (view: StartupView | null) => void;
  now?: () => number;
  tickMs?: number;
}

export class StartupWatch {
  private view: StartupView | null = null;
  /** Start of the running busy stretch; null when idle. */
  private since: number | null = null;
  /** Busy time of earlier stretches. */
  private banked = 0;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly opts: StartupWatchOptions) {}

  private now() {
    return (this.opts.now ?? Date.now)();
  }

  /** A new worker starts on `pref`, continuing from `fromStep`. */
  begin(pref: BackendPref, fromStep: number, resuming: boolean) {
    this.clearTimer();
    const backend = pref === 'auto' ? null : pref;
    this.view = { pref, backend, fromStep, resuming, elapsedMs: 0, dueMs: this.opts.deadlineMs(), busy: true, overdue: false, next: nextBackend(backend) };
    this.banked = 0;
    this.since = this.now();
    this.timer = setInterval(() => this.tick(), this.opts.tickMs ?? STARTUP_TICK_MS);
    this.emit();
  }

  /** Follows the new worker's events: its backend, whether it is working, its first step. */
  follow(ev: WorkerEvent) {
    const v = this.view;
    if (!v) return;
    switch (ev.type) {
      case 'progress':
        if (ev.warmup && ev.warmup.backend !== v.backend) this.setBackend(ev.warmup.backend);
        return;
      case 'ready':
        // A saved run may continue from a later step than the page's checkpoint.
        v.fromStep = ev.step;
        return this.setBackend(ev.backend);
      case 'status':
        if (ev.state === 'stopped') return this.stop();
        return this.setBusy(ev.state !== 'paused');
      case 'metrics':
      case 'teacher-metrics':
        // Steps finished on this backend: start-up is over.
        return this.stop();
      case 'error':
        // A failed start has its own message and choices (Notices).
        if (ev.kind === 'backend' || ev.kind === 'init') this.stop();
        return;
      default:
        return;
    }
  }

  /** The user keeps waiting: the offer goes, and comes back after another deadline's length. */
  keepWaiting() {
    const v = this.view;
    if (!v || !v.overdue) return;
    this.update();
    v.overdue = false;
    v.dueMs = v.elapsedMs + this.opts.deadlineMs();
    this.emit();
  }

  stop() {
    this.clearTimer();
    if (!this.view) return;
    this.view = null;
    this.since = null;
    this.emit();
  }

  private setBackend(b: BackendName) {
    this.view!.backend = b;
    this.view!.next = nextBackend(b);
    this.emit();
  }

  private setBusy(busy: boolean) {
    const v = this.view!;
    if (busy === v.busy) return;
    this.update();
    if (busy) this.since = this.now();
    else {
      this.banked = v.elapsedMs;
      this.since = null;
    }
    v.busy = busy;
    this.emit();
  }

  /** Brings the elapsed time up to date and flags a passed deadline. */
  private update() {
    const v = this.view!;
    if (this.since !== null) v.elapsedMs = this.banked + (this.now() - this.since);
    if (v.busy && v.elapsedMs >= v.dueMs) v.overdue = true;
  }

  private tick() {
    if (!this.view?.busy) return;
    this.update();
    this.emit();
  }

  private emit() {
    this.opts.onChange(this.view ? { ...this.view } : null);
  }

  private clearTimer() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
