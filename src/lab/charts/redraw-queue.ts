// Charts redraw one at a time. A recharts chart redraws in two passes: React renders its new data
// (a transition, in slices), then recharts' own store re-renders the chart's parts synchronously
// in the next animation frame. Fixed offsets between charts did not keep those passes apart on a
// loaded machine, and the frame callbacks of two charts run as one task: one long task. Here a
// chart starts only once the one before it has committed and two frames have passed.

export interface Timing {
  frame(cb: () => void): void;
  later(cb: () => void, ms: number): unknown;
  cancel(handle: unknown): void;
}

/** One chart's place in the queue. */
export interface Turn {
  /** Asks for a redraw (one waiting request stands for any number). */
  request(): void;
  /** The chart has committed its redraw: the next chart goes once the frames after it passed. */
  done(): void;
  /** The chart is gone: it leaves the queue (and gives up its turn if it has it). */
  cancel(): void;
}

interface Entry {
  /** Redraws the chart; false when it has nothing new to draw (its turn ends at once). */
  start: () => boolean;
  /** Counts turns, so that a late callback of an ended turn cannot end a later one. */
  gen: number;
  /** How far this entry's current turn has come (a turn ends once). */
  state: 'idle' | 'waiting' | 'drawing' | 'settling';
  /** The fallback that ends a turn whose chart never commits (nothing new to draw, unmounted). */
  timer: unknown;
}

export class RedrawQueue {
  private waiting: Entry[] = [];
  private current: Entry | null = null;

  constructor(private timing: Timing, private maxTurnMs = 1000) {}

  /** A chart's turn: `start` redraws it (it calls `done` once it has committed). */
  turn(start: () => boolean): Turn {
    const e: Entry = { start, gen: 0, state: 'idle', timer: null };
    return {
      request: () => {
        // A chart asked again while drawing redraws once more afterwards, with what is new by then.
        if (e.state === 'waiting') return;
        if (e.state === 'idle') e.state = 'waiting';
        if (!this.waiting.includes(e)) this.waiting.push(e);
        this.pump();
      },
      done: () => {
        if (this.current !== e || e.state !== 'drawing') return;
        e.state = 'settling';
        const gen = e.gen;
        this.timing.frame(() => this.timing.frame(() => this.timing.later(() => this.finish(e, gen), 0)));
      },
      cancel: () => {
        this.waiting = this.waiting.filter((w) => w !== e);
        if (this.current === e) this.finish(e, e.gen);
        e.state = 'idle';
      },
    };
  }

  /** How many charts wait for their turn (tests). */
  get length(): number {
    return this.waiting.length;
  }

  private pump() {
    if (this.current) return;
    const e = this.waiting.shift();
    if (!e) return;
    this.current = e;
    e.state = 'drawing';
    const gen = ++e.gen;
    e.timer = this.timing.later(() => this.finish(e, gen), this.maxTurnMs);
    if (!e.start()) this.finish(e, gen);
  }

  private finish(e: Entry, gen: number) {
    if (this.current !== e || e.gen !== gen) return;
    this.timing.cancel(e.timer);
    this.current = null;
    // Asked again while it drew: it is in `waiting` again, as the last in line.
    e.state = this.waiting.includes(e) ? 'waiting' : 'idle';
    this.pump();
  }
}
