import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WorkerLink, type WorkerLike } from './link';
import { HEARTBEAT_MS, SILENCE_MS, type Death } from './watchdog';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

type Ev = { type: 'heartbeat' } | { type: 'crashed'; message: string } | { type: 'beat-port'; port: MessagePort } | { type: 'status'; step: number };

function fakeWorker() {
  const w: WorkerLike & { terminated: number; sent: unknown[]; emit(data: Ev): void } = {
    onmessage: null, onerror: null, onmessageerror: null, terminated: 0, sent: [],
    postMessage(m) { this.sent.push(m); },
    terminate() { this.terminated++; },
    emit(data) { this.onmessage?.({ data } as MessageEvent); },
  };
  return w;
}

function link() {
  const w = fakeWorker();
  const events: Ev[] = [];
  const deaths: Death[] = [];
  const l = new WorkerLink<Ev>(w, (e) => events.push(e), (d) => deaths.push(d));
  return { w, l, events, deaths };
}

describe('WorkerLink', () => {
  it('passes the events on, keeps the heartbeats to itself, and stays alive while they come', () => {
    const { w, l, events, deaths } = link();
    for (let i = 0; i < 30; i++) {
      vi.advanceTimersByTime(HEARTBEAT_MS);
      w.emit({ type: 'heartbeat' });
    }
    w.emit({ type: 'status', step: 3 });
    expect(events).toEqual([{ type: 'status', step: 3 }]);
    expect(deaths).toEqual([]);
    l.post({ type: 'start' });
    expect(w.sent).toEqual([{ type: 'start' }]);
  });

  it('a silent worker is dead after the deadline: terminated, detached, and sent nothing more', () => {
    const { w, l, deaths } = link();
    vi.advanceTimersByTime(SILENCE_MS);
    expect(deaths.map((d) => d.cause)).toEqual(['silent']);
    expect(w.terminated).toBe(1);
    expect(w.onmessage).toBeNull();
    expect(l.alive).toBe(false);
    l.post({ type: 'start' });
    expect(w.sent).toEqual([]);
  });

  it('an error event, a messageerror or a reported crash is death at once, once', () => {
    for (const [fire, cause, detail] of [
      [(w: WorkerLike) => w.onerror?.({ message: 'Uncaught Error: boom' } as ErrorEvent), 'error', 'Uncaught Error: boom'],
      [(w: WorkerLike) => w.onmessageerror?.({} as MessageEvent), 'messageerror', 'a message from it could not be read'],
      [(w: ReturnType<typeof fakeWorker>) => w.emit({ type: 'crashed', message: 'an unhandled promise rejection: x' }), 'crashed', 'an unhandled promise rejection: x'],
    ] as const) {
      const { w, events, deaths } = link();
      (fire as (w: ReturnType<typeof fakeWorker>) => void)(w);
      // The browser's own error event often follows the worker's report: still one death.
      w.onerror?.({ message: 'later' } as ErrorEvent);
      vi.advanceTimersByTime(10 * SILENCE_MS);
      expect(deaths).toEqual([{ cause, detail }]);
      expect(w.terminated).toBe(1);
      expect(events).toEqual([]);
    }
  });

  it('beats on the beat thread\'s port keep a worker whose own thread is busy alive; they stop with it', () => {
    const { w, l, deaths } = link();
    const port = { onmessage: null as null | (() => void), closed: 0, close() { this.closed++; } };
    w.emit({ type: 'beat-port', port: port as unknown as MessagePort });
    // 30 s with no message from the worker's own thread (a long step), but beats from its thread.
    for (let i = 0; i < 30; i++) {
      vi.advanceTimersByTime(HEARTBEAT_MS);
      port.onmessage?.();
    }
    expect(deaths).toEqual([]);
    // The worker is terminated: the beats stop too, and the silence is noticed.
    vi.advanceTimersByTime(SILENCE_MS);
    expect(deaths.map((d) => d.cause)).toEqual(['silent']);
    expect(port.closed).toBe(1);
    expect(l.alive).toBe(false);
  });

  it('a deliberate close terminates the worker without reporting a death', () => {
    const { w, l, deaths } = link();
    l.close();
    vi.advanceTimersByTime(10 * SILENCE_MS);
    expect(deaths).toEqual([]);
    expect(w.terminated).toBe(1);
  });
});
