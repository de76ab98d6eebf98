import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FIRST_STEP_GRACE_MS, HEARTBEAT_MS, LATE_MS, LOADING_GRACE_MS, MAX_SILENCE_MS, SILENCE_MS, trainingGrace, Watchdog, type Death } from './watchdog';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A beat delayed by a busy step to just inside the deadline. */
const LATE_BEAT = SILENCE_MS - 200;

function watch() {
  const deaths: Death[] = [];
  const w = new Watchdog((d) => deaths.push(d));
  return { w, deaths };
}

describe('Watchdog', () => {
  it('declares a silent worker dead at the deadline, not before', () => {
    const { w, deaths } = watch();
    vi.advanceTimersByTime(SILENCE_MS - 1);
    expect(deaths).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(deaths).toEqual([{ cause: 'silent', detail: `no sign of life for ${(SILENCE_MS / 1000).toFixed(1)} s` }]);
    expect(w.isDead).toBe(true);
  });

  it('gives no false alarm while heartbeats keep arriving, even late ones', () => {
    const { w, deaths } = watch();
    // Two minutes of beats, some delayed by a busy step (to just inside the deadline).
    for (let i = 0; i < 120; i++) {
      vi.advanceTimersByTime(i % 10 === 0 ? LATE_BEAT : HEARTBEAT_MS);
      w.alive();
    }
    expect(deaths).toEqual([]);
    // Then the worker goes silent: dead within 1.5 × its longest recent gap.
    vi.advanceTimersByTime(1.5 * LATE_BEAT - 1);
    expect(deaths).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(deaths.map((d) => d.cause)).toEqual(['silent']);
  });

  it('adapts to a slow worker (long gaps between messages), and forgets it after a minute', () => {
    const { w, deaths } = watch();
    vi.advanceTimersByTime(LATE_BEAT);
    w.alive(); // a slow step: the deadline becomes 1.5 times as long as its gap
    expect(w.deadlineMs).toBe(1.5 * LATE_BEAT);
    vi.advanceTimersByTime(1.5 * LATE_BEAT - 100);
    expect(deaths).toEqual([]);
    w.alive();
    for (let t = 0; t < 61_000; t += HEARTBEAT_MS) {
      vi.advanceTimersByTime(HEARTBEAT_MS);
      w.alive();
    }
    expect(w.deadlineMs).toBe(SILENCE_MS);
  });

  it('stops learning once beats come from a thread of their own (steady)', () => {
    const { w } = watch();
    vi.advanceTimersByTime(LATE_BEAT);
    w.alive();
    expect(w.deadlineMs).toBe(1.5 * LATE_BEAT);
    w.steady();
    expect(w.deadlineMs).toBe(SILENCE_MS);
    vi.advanceTimersByTime(LATE_BEAT);
    w.alive();
    expect(w.deadlineMs).toBe(SILENCE_MS);
  });

  it('never waits longer than MAX_SILENCE_MS, whatever it learned', () => {
    const { w } = watch();
    w.grace(10 * MAX_SILENCE_MS);
    expect(w.deadlineMs).toBe(MAX_SILENCE_MS);
  });

  it('an error is death at once, reported once; later signs of life do not revive it', () => {
    const { w, deaths } = watch();
    w.dead({ cause: 'error', detail: 'boom' });
    w.dead({ cause: 'crashed', detail: 'again' });
    w.alive();
    vi.advanceTimersByTime(10 * SILENCE_MS);
    expect(deaths).toEqual([{ cause: 'error', detail: 'boom' }]);
  });

  it('a grace extends the deadline of the silence in progress; its end restores the normal one', () => {
    const { w, deaths } = watch();
    vi.advanceTimersByTime(2_000);
    w.grace(FIRST_STEP_GRACE_MS);
    vi.advanceTimersByTime(FIRST_STEP_GRACE_MS - 2_001);
    expect(deaths).toEqual([]);
    w.alive();
    w.grace(0);
    vi.advanceTimersByTime(SILENCE_MS);
    expect(deaths.map((d) => d.cause)).toEqual(['silent']);
  });

  it('a late deadline timer (the page was busy) gives queued messages one more moment', () => {
    let skew = 0;
    const deaths: Death[] = [];
    const w = new Watchdog((d) => deaths.push(d), () => Date.now() + skew);
    skew = 2_000; // the page's thread was blocked: the deadline timer runs 2 s late
    vi.advanceTimersByTime(SILENCE_MS);
    expect(deaths).toEqual([]);
    w.alive(); // a message that was queued behind the page's work
    vi.advanceTimersByTime(LATE_MS);
    expect(deaths).toEqual([]);
    // (That gap is now part of the worker's rhythm: the deadline grew to 1.5 times it.)
    expect(w.deadlineMs).toBe(1.5 * (SILENCE_MS + 2_000));
    vi.advanceTimersByTime(w.deadlineMs);
    expect(deaths.map((d) => d.cause)).toEqual(['silent']);
    // And without a queued message, the verdict comes LATE_MS after the late timer.
    const dead: Death[] = [];
    skew = 0;
    new Watchdog((d) => dead.push(d), () => Date.now() + skew);
    skew = 2_000;
    vi.advanceTimersByTime(SILENCE_MS);
    expect(dead).toEqual([]);
    vi.advanceTimersByTime(LATE_MS);
    expect(dead.map((d) => d.cause)).toEqual(['silent']);
  });

  it('stop() ends the watch without a death', () => {
    const { w, deaths } = watch();
    w.stop();
    vi.advanceTimersByTime(10 * SILENCE_MS);
    expect(deaths).toEqual([]);
  });
});

describe('trainingGrace', () => {
  it('is long while loading, shorter until the first step, then none', () => {
    expect(trainingGrace(true, false)).toBe(LOADING_GRACE_MS);
    expect(trainingGrace(false, false)).toBe(FIRST_STEP_GRACE_MS);
    expect(trainingGrace(false, true)).toBe(0);
  });
});
