// One writer per saved run, across tabs. Built on the Web Locks API (navigator.locks: shared by
// every page and worker of the origin) rather than a lease record with a heartbeat in IndexedDB:
// the browser drops a closed or crashed tab's locks at once, so there is no heartbeat period to
// tune and no stale lease to expire. The lock manager is injected (a fake in the tests).
//
// Two locks per run:
// - the claim: who should write the run. Taken only if free, or stolen ("Take over").
// - the pen: the right to write. A writer holds it until it has saved its last steps; a new
//   writer waits for it, so it reads the record only after the old writer's final save.
// A writer whose claim is stolen is told (onLost), stops, saves its last steps, then releases.
// The pen is never stolen: a take-over that waits too long gives up instead ('timeout'), since
// stealing it would let the old writer's late save overwrite the new writer's steps.

export interface LockOptions {
  ifAvailable?: boolean;
  steal?: boolean;
  signal?: AbortSignal;
}

/** The part of the Web Locks LockManager used here. */
export interface LockManagerLike {
  request(name: string, options: LockOptions, callback: (lock: unknown) => Promise<unknown>): Promise<unknown>;
}

/** 'busy': another tab writes the run. 'timeout': it was asked to let go but has not (yet). */
export type LeaseResult = 'writer' | 'busy' | 'timeout';

/** How long a take-over waits for the old writer's last save. */
export const DRAIN_TIMEOUT_MS = 20_000;

export const claimLockName = (runKey: string) => `hkd-lab/run/${runKey}/claim`;
export const penLockName = (runKey: string) => `hkd-lab/run/${runKey}/pen`;

export interface LeaseTimers {
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (id: unknown) => void;
}

interface Entry {
  /** The claim was stolen: only the last save is still allowed. */
  lost: boolean;
  /** Writing since acquire() said so (a loss before then just ends the acquire). */
  writer: boolean;
  release: () => void;
  /** Resolves once both locks are let go. */
  released: Promise<void>;
}

const isAbort = (e: unknown) => (e as { name?: string } | null)?.name === 'AbortError';

export class RunLeases {
  private readonly held = new Map<string, Entry>();

  constructor(
    /** null: no Web Locks here (an old browser); every run is then writable, as before leases. */
    private readonly locks: LockManagerLike | null,
    private readonly onLost: (runKey: string) => void,
    private readonly drainTimeoutMs = DRAIN_TIMEOUT_MS,
    private readonly timers: LeaseTimers = { setTimeout: (f, ms) => setTimeout(f, ms), clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>) },
  ) {}

  /** This context writes the run (claim and pen held, claim not stolen). */
  holds(runKey: string): boolean {
    if (!this.locks) return true;
    const e = this.held.get(runKey);
    return !!e && e.writer && !e.lost;
  }

  /** May write the run now: while writing, and for the last save after the claim was stolen. */
  mayWrite(runKey: string): boolean {
    if (!this.locks) return true;
    return !!this.held.get(runKey)?.writer;
  }

  /**
   * Becomes the run's writer. 'if-free' fails ('busy') when another tab holds the run; 'steal'
   * takes the claim and waits for the old writer's last save. Reentrant: a run this context
   * already writes is granted at once (reopening it in the same tab cannot deadlock on itself).
   */
  async acquire(runKey: string, how: 'if-free' | 'steal'): Promise<LeaseResult> {
    if (!this.locks) return 'writer';
    const mine = this.held.get(runKey);
    if (mine && !mine.lost) return 'writer';
    if (mine) {
      // Our own claim was stolen and our last save is still under way.
      if (how === 'if-free') return 'busy';
      await mine.released;
    }
    let releaseClaim = () => {};
    let releasePen = () => {};
    let done!: () => void;
    const entry: Entry = {
      lost: false,
      writer: false,
      released: new Promise<void>((r) => (done = r)),
      release: () => {
        releasePen();
        releaseClaim();
        if (this.held.get(runKey) === entry) this.held.delete(runKey);
        done();
      },
    };
    const claimed = await this.hold(claimLockName(runKey), how === 'steal' ? { steal: true } : { ifAvailable: true }, (r) => (releaseClaim = r), () => {
      entry.lost = true;
      if (entry.writer) this.onLost(runKey);
    });
    if (!claimed) return 'busy';
    this.held.set(runKey, entry);
    // The pen: free at once unless a writer is still saving its last steps.
    const ac = new AbortController();
    const timer = this.timers.setTimeout(() => ac.abort(), this.drainTimeoutMs);
    const penned = await this.hold(penLockName(runKey), { signal: ac.signal }, (r) => (releasePen = r), () => {});
    this.timers.clearTimeout(timer);
    if (!penned || entry.lost) {
      // Gave up waiting, or a third tab took the run meanwhile: let go of what was taken.
      entry.release();
      return penned ? 'busy' : 'timeout';
    }
    entry.writer = true;
    return 'writer';
  }

  /** Lets the run go: call after its last save has landed. */
  release(runKey: string): void {
    this.held.get(runKey)?.release();
  }

  /** Lets go of every run but `keep` (the one now open), each after its own last save. */
  releaseAllBut(keep: string | null): void {
    for (const key of [...this.held.keys()]) if (key !== keep) this.release(key);
  }

  /**
   * Requests one lock and keeps it until `setRelease`'s function is called. Resolves true once
   * granted, false when not granted (busy, or the wait aborted); `stolen` runs if it is stolen later.
   */
  private hold(name: string, options: LockOptions, setRelease: (release: () => void) => void, stolen: () => void): Promise<boolean> {
    let granted = false;
    return new Promise((resolve) => {
      this.locks!.request(name, options, async (lock) => {
        if (!lock) return resolve(false);
        granted = true;
        await new Promise<void>((r) => {
          setRelease(r);
          resolve(true);
        });
      }).then(
        () => undefined,
        (e) => {
          // Before the grant, an abort is the wait giving up; after it, the lock was stolen.
          resolve(false);
          if (granted && isAbort(e)) stolen();
        },
      );
    });
  }
}
