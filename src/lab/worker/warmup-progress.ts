// Start-up progress on the backend that runs: numbered warm-up passes (each run's first forward
// passes while the teacher is measured, then the first training step), posted to the page. On
// webgl and webgpu these passes are where shaders compile, for seconds to minutes. The worker only
// says which pass it is on: the page keeps the clock, because a worker inside a long synchronous
// compile cannot post anything (store/startup-watch.ts).
import type { BackendName, WarmupPass, WorkerEvent } from '../contract';

const COMPILES_SHADERS: ReadonlySet<BackendName> = new Set(['webgl', 'webgpu']);

/** The phase line of one pass, e.g. "Compiling shaders for webgpu: pass 2 of 4 (…)". */
export function warmupPhase(w: WarmupPass, what: string): string {
  const doing = COMPILES_SHADERS.has(w.backend) ? `Compiling shaders for ${w.backend}` : `Warming up ${w.backend}`;
  return `${doing}: pass ${w.pass} of ${w.passes} (${what})`;
}

/** Blocks the calling thread, as a synchronous shader compile does (the debug hook's slowness). */
function blockFor(ms: number) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // Busy on purpose: nothing else may run in this worker meanwhile.
  }
}

export class WarmupProgress {
  private backend: BackendName | null = null;
  private pass = 0;
  private passes = 0;
  private firstStepPending = false;
  private stallMs = 0;

  constructor(private readonly post: (ev: WorkerEvent) => void) {}

  /** A start-up of `runs` runs on `backend`: one pass per run, then the first training step. */
  begin(backend: BackendName, runs: number) {
    this.backend = backend;
    this.pass = 0;
    this.passes = runs + 1;
    this.firstStepPending = true;
  }

  /** Posts the next pass, before its work starts. */
  next(what: string) {
    if (!this.backend) return;
    this.pass = Math.min(this.pass + 1, this.passes);
    const warmup: WarmupPass = { backend: this.backend, pass: this.pass, passes: this.passes };
    this.post({ type: 'progress', phase: warmupPhase(warmup, what), warmup });
    if (this.stallMs > 0) {
      const ms = this.stallMs;
      this.stallMs = 0;
      blockFor(ms);
    }
  }

  /** Before every training step: the first one since `begin` is the last pass. */
  beforeStep() {
    if (!this.firstStepPending) return;
    this.firstStepPending = false;
    this.pass = this.passes - 1;
    this.next('the first training step: forward, backward and meta-gradient passes');
  }

  /** Test hook (debug command): the next pass first blocks the worker for `ms`. */
  stallNextPass(ms: number) {
    this.stallMs = Math.max(0, ms);
  }
}
