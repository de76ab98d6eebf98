// Liveness of a worker as the page sees it: a worker that the browser closes or terminates (under
// memory pressure, say) sends no event at all, so silence is the only sign. The worker posts a
// heartbeat from a timer every HEARTBEAT_MS (so an idle or paused worker is heard too); any message
// counts as a sign of life. Framework-free (timers only), so it is unit-tested with fake timers.

/**
 * The worker's heartbeat period. Short, so the last beat before a death is recent: the silence
 * counted starts at most this long before the worker died.
 */
export const HEARTBEAT_MS = 500;
/**
 * Silence after which the worker counts as gone: five missed beats. A step blocks the worker's
 * own thread (up to ~4 s measured on a loaded 2-core machine), but the beats that count come from
 * its beat thread (worker/liveness.ts), which a busy step does not hold up (max gap measured 1.4 s
 * while training with 1 s beats). 3 s put detection at 3.8–5.1 s on a loaded machine (the last
 * beat's age, a late timer, the notice's render come on top), too close to the 5 s target; 2.5 s
 * still leaves 1.8× the longest gap seen. Without a beat thread the deadline adapts to the gaps
 * seen instead (below).
 */
export const SILENCE_MS = 2_500;
/** A silence this long is tolerated only while the worker says it is busy for long (see grace). */
export const MAX_SILENCE_MS = 60_000;
/** The deadline is at least this many times the longest recent gap between messages. */
export const GAP_FACTOR = 1.5;
/** A deadline timer this late says the page was blocked; the verdict then waits this long more. */
export const LATE_MS = 250;
/** How long a long gap between messages is remembered when the deadline adapts to it. */
export const GAP_MEMORY_MS = 60_000;

export type DeathCause = 'silent' | 'error' | 'messageerror' | 'crashed';

export interface Death {
  cause: DeathCause;
  /** Plain-language detail (the error's message, or how long it was silent). */
  detail: string;
}

/**
 * Arms a deadline that every sign of life pushes back; fires `onDead` once, on the deadline or on
 * `dead()`. The deadline adapts to the worker's own rhythm: it is at least GAP_FACTOR × the longest gap
 * between messages seen in the last GAP_MEMORY_MS (a machine slow enough for 3 s steps must not be
 * declared dead between two of them), and at least the grace set for a known long phase.
 * Half again the longest gap, not twice: on a loaded 2-core machine gaps of 2.5–3 s were seen in
 * training, and twice that would put detection past 5 s.
 */
export class Watchdog {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastAt: number;
  private gaps: { at: number; ms: number }[] = [];
  private graceMs = 0;
  private over = false;
  private learning = true;

  constructor(
    private readonly onDead: (d: Death) => void,
    private readonly now: () => number = () => Date.now(),
    private readonly floorMs = SILENCE_MS,
  ) {
    this.lastAt = now();
    this.arm();
  }

  get isDead(): boolean {
    return this.over;
  }

  /** The silence allowed from now. */
  get deadlineMs(): number {
    const t = this.now();
    this.gaps = this.gaps.filter((g) => t - g.at <= GAP_MEMORY_MS);
    const learned = GAP_FACTOR * Math.max(0, ...this.gaps.map((g) => g.ms));
    return Math.min(MAX_SILENCE_MS, Math.max(this.floorMs, learned, this.graceMs));
  }

  /** A message arrived. */
  alive(): void {
    if (this.over) return;
    const t = this.now();
    const gap = t - this.lastAt;
    // Only gaps longer than a beat say something about the worker's rhythm; one inside a grace
    // (start-up, shader compilation) is a one-off and must not keep the deadline long afterwards.
    if (this.learning && gap > HEARTBEAT_MS * 1.5 && this.graceMs === 0) this.gaps.push({ at: t, ms: gap });
    this.lastAt = t;
    this.arm();
  }

  /**
   * Beats now come from a thread of their own, which a busy worker does not hold up: gaps say
   * nothing about the worker any more (a late timer still covers a busy page), so stop learning.
   */
  steady(): void {
    this.learning = false;
    this.gaps = [];
  }

  /**
   * Allows `ms` of silence (0: back to normal) while the worker is in a phase known to block its
   * thread for long: start-up, and the first step, where WebGL/WebGPU compile their shaders.
   */
  grace(ms: number): void {
    if (this.over || ms === this.graceMs) return;
    this.graceMs = ms;
    this.arm();
  }

  /** The worker is gone (an error event, or it said so). */
  dead(d: Death): void {
    if (this.over) return;
    this.over = true;
    this.stop();
    this.onDead(d);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(recheck = false) {
    this.stop();
    const wait = recheck ? LATE_MS : Math.max(0, this.lastAt + this.deadlineMs - this.now());
    const due = this.now() + wait;
    this.timer = setTimeout(() => {
      const silent = this.now() - this.lastAt;
      // Re-check: the deadline may have grown (a grace) since the timer was set.
      if (silent < this.deadlineMs) return this.arm();
      // A late timer means the page itself was busy (a long render): the worker's messages may be
      // queued behind it. They get one more moment before the verdict.
      if (!recheck && this.now() - due > LATE_MS) return this.arm(true);
      this.dead({ cause: 'silent', detail: `no sign of life for ${(silent / 1000).toFixed(1)} s` });
    }, wait);
  }
}

/** Start-up (backend, dataset, teacher): seconds of shader compilation in one task on WebGL. */
export const LOADING_GRACE_MS = 60_000;
/** Until the first step after a (re)start is reported: WebGL/WebGPU compile its shaders then. */
export const FIRST_STEP_GRACE_MS = 30_000;

/** The grace for the training worker, from what it last said it was doing. */
export function trainingGrace(loading: boolean, stepped: boolean): number {
  if (loading) return LOADING_GRACE_MS;
  return stepped ? 0 : FIRST_STEP_GRACE_MS;
}
