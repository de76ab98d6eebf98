// The redraw queue: one chart at a time, the next only two frames after the one before committed;
// repeated requests coalesce, and a chart that never commits or goes away does not stall the rest.
import { describe, expect, it } from 'vitest';
import { RedrawQueue, type Timing } from './redraw-queue';

/** Frames and timers that run only when the test says so. */
function fakeTiming() {
  let frames: (() => void)[] = [];
  let timers: { cb: () => void; at: number; id: number }[] = [];
  let now = 0;
  let ids = 0;
  const timing: Timing = {
    frame: (cb) => void frames.push(cb),
    later: (cb, ms) => {
      const id = ++ids;
      timers.push({ cb, at: now + ms, id });
      return id;
    },
    cancel: (id) => void (timers = timers.filter((t) => t.id !== id)),
  };
  return {
    timing,
    frame() {
      const run = frames;
      frames = [];
      run.forEach((cb) => cb());
    },
    advance(ms: number) {
      now += ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= now).sort((a, b) => a.at - b.at)[0];
        if (!due) return;
        timers = timers.filter((t) => t !== due);
        due.cb();
      }
    },
  };
}

function charts(q: RedrawQueue, n: number, log: string[], draws = () => true) {
  return Array.from({ length: n }, (_, i) => q.turn(() => (log.push(`start ${i}`), draws())));
}

/** Two charts on a fresh queue, both asking for a redraw (the first starts at once). */
function twoRequested() {
  const t = fakeTiming();
  const q = new RedrawQueue(t.timing);
  const log: string[] = [];
  const [a, b] = charts(q, 2, log);
  a.request();
  b.request();
  return { t, q, log, a, b };
}

describe('RedrawQueue', () => {
  it('starts the next chart only two frames after the one before committed', () => {
    const { t, log, a } = twoRequested();
    expect(log).toEqual(['start 0']);
    t.advance(0);
    t.frame();
    expect(log).toEqual(['start 0']); // not committed yet: b waits however long a renders
    a.done();
    t.frame();
    t.advance(0);
    expect(log).toEqual(['start 0']); // one frame: recharts' own pass of a may still come
    t.frame();
    expect(log).toEqual(['start 0']);
    t.advance(0); // after the task of that frame
    expect(log).toEqual(['start 0', 'start 1']);
  });

  it('coalesces requests: one waiting turn per chart, and a request while drawing redraws once more', () => {
    const { t, q, log, a, b } = twoRequested();
    b.request();
    a.request(); // a is drawing: it goes again after b
    expect(q.length).toBe(2);
    const settle = () => (t.frame(), t.frame(), t.advance(0));
    a.done();
    settle();
    b.done();
    settle();
    a.done();
    settle();
    expect(log).toEqual(['start 0', 'start 1', 'start 0']);
    expect(q.length).toBe(0);
  });

  it('ends at once the turn of a chart with nothing new to draw', () => {
    const t = fakeTiming();
    const q = new RedrawQueue(t.timing);
    const log: string[] = [];
    const idle = q.turn(() => (log.push('idle'), false));
    const [b] = charts(q, 1, log);
    idle.request();
    b.request();
    expect(log).toEqual(['idle', 'start 0']);
  });

  it('does not stall behind a chart that never commits, nor one that goes away', () => {
    const t = fakeTiming();
    const q = new RedrawQueue(t.timing, 1000);
    const log: string[] = [];
    const [a, b, c] = charts(q, 3, log);
    a.request();
    b.request();
    c.request();
    t.advance(999);
    expect(log).toEqual(['start 0']);
    t.advance(1); // a never committed: its turn ends after a second
    expect(log).toEqual(['start 0', 'start 1']);
    b.cancel(); // unmounted while drawing: c goes
    expect(log).toEqual(['start 0', 'start 1', 'start 2']);
    // A late commit of an ended turn changes nothing.
    a.done();
    b.done();
    t.frame();
    t.frame();
    t.advance(0);
    expect(log).toEqual(['start 0', 'start 1', 'start 2']);
    // Nor does a late frame of an ended turn end a later one.
    c.done();
    c.cancel(); // its turn ends before its frames pass…
    c.request(); // …and its next one starts
    a.request();
    t.frame();
    t.frame();
    t.advance(0); // the first turn's frames: c still draws, a waits
    expect(log).toEqual(['start 0', 'start 1', 'start 2', 'start 2']);
    c.done();
    t.frame();
    t.frame();
    t.advance(0);
    expect(log).toEqual(['start 0', 'start 1', 'start 2', 'start 2', 'start 0']);
  });
});
