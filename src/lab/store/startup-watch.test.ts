// The start-up deadline, on fake timers: it counts time spent building and running towards the
// first step (not time paused), offers the next backend in the fallback order, and ends at the
// first step. The page's clock moves even when the worker posts nothing (stuck compiling).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WorkerEvent } from '../contract';
import { nextBackend, STARTUP_DEADLINE_MS, StartupWatch, type StartupView } from './startup-watch';

const status = (state: 'loading' | 'paused' | 'running' | 'stopped', step = 0): WorkerEvent => ({ type: 'status', state, step });
const metrics = (step: number): WorkerEvent => ({ type: 'metrics', seq: 1, step, stepsPerSec: 1, runs: [] });
const ready = (backend: 'webgpu' | 'webgl' | 'wasm' | 'cpu', step: number) =>
  ({ type: 'ready', backend, step } as unknown as WorkerEvent);

let views: (StartupView | null)[];
let deadline: number;
const last = () => views[views.length - 1];
const watch = () => new StartupWatch({ deadlineMs: () => deadline, onChange: (v) => views.push(v) });

beforeEach(() => {
  vi.useFakeTimers();
  views = [];
  deadline = STARTUP_DEADLINE_MS;
});
afterEach(() => vi.useRealTimers());

describe('nextBackend', () => {
  it('follows webgpu → webgl → wasm → cpu, then nothing; auto still choosing gets wasm', () => {
    expect([nextBackend('webgpu'), nextBackend('webgl'), nextBackend('wasm'), nextBackend('cpu'), nextBackend(null)]).toEqual(['webgl', 'wasm', 'cpu', null, 'wasm']);
  });
});

describe('StartupWatch', () => {
  it('offers the next backend once 60 s pass without a step, not before', () => {
    const w = watch();
    w.begin('webgpu', 0, false);
    vi.advanceTimersByTime(STARTUP_DEADLINE_MS - 1000);
    expect(last()).toMatchObject({ backend: 'webgpu', overdue: false, elapsedMs: STARTUP_DEADLINE_MS - 1000 });
    vi.advanceTimersByTime(1000);
    expect(last()).toMatchObject({ overdue: true, next: 'webgl', dueMs: STARTUP_DEADLINE_MS });
  });

  it('refreshes the time so far every second while the worker posts nothing', () => {
    const w = watch();
    w.begin('webgl', 0, false);
    vi.advanceTimersByTime(5000);
    expect(views.map((v) => v?.elapsedMs)).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
  });

  it('does not count time paused (waiting for play), and counts the run up to the first step', () => {
    const w = watch();
    w.begin('webgpu', 0, false);
    vi.advanceTimersByTime(30_000);
    w.follow(ready('webgpu', 0));
    w.follow(status('paused'));
    vi.advanceTimersByTime(600_000);
    expect(last()).toMatchObject({ busy: false, overdue: false, elapsedMs: 30_000 });
    w.follow(status('running'));
    vi.advanceTimersByTime(29_000);
    expect(last()).toMatchObject({ busy: true, overdue: false, elapsedMs: 59_000 });
    vi.advanceTimersByTime(1000);
    expect(last()).toMatchObject({ overdue: true, next: 'webgl' });
  });

  it('ends at the first finished step: no offer comes later', () => {
    const w = watch();
    w.begin('webgl', 120, true);
    w.follow(ready('webgl', 120));
    w.follow(status('running', 120));
    vi.advanceTimersByTime(10_000);
    w.follow(metrics(121));
    expect(last()).toBeNull();
    vi.advanceTimersByTime(10 * STARTUP_DEADLINE_MS);
    expect(last()).toBeNull();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a teacher phase step also ends it', () => {
    const w = watch();
    w.begin('wasm', 0, false);
    w.follow({ type: 'teacher-metrics', seq: 1, rows: new Float64Array(4) });
    expect(last()).toBeNull();
  });

  it('keeps the step a switch resumes from, and takes a saved run\'s later step from ready', () => {
    const w = watch();
    w.begin('webgl', 120, true);
    w.follow(status('loading', 0));
    expect(last()).toMatchObject({ fromStep: 120, resuming: true });
    w.follow(ready('webgl', 130));
    expect(last()).toMatchObject({ fromStep: 130 });
  });

  it('keep waiting: the offer goes and comes back one deadline later', () => {
    const w = watch();
    w.begin('webgpu', 0, false);
    vi.advanceTimersByTime(STARTUP_DEADLINE_MS);
    expect(last()!.overdue).toBe(true);
    w.keepWaiting();
    expect(last()).toMatchObject({ overdue: false, dueMs: 2 * STARTUP_DEADLINE_MS });
    vi.advanceTimersByTime(STARTUP_DEADLINE_MS - 1000);
    expect(last()!.overdue).toBe(false);
    vi.advanceTimersByTime(1000);
    expect(last()).toMatchObject({ overdue: true, dueMs: 2 * STARTUP_DEADLINE_MS });
  });

  it('auto: the backend the worker reports decides what is offered next', () => {
    const w = watch();
    w.begin('auto', 0, false);
    expect(last()).toMatchObject({ backend: null, next: 'wasm' });
    w.follow({ type: 'progress', phase: 'Compiling shaders for webgl: pass 1 of 2 (x)', warmup: { backend: 'webgl', pass: 1, passes: 2 } });
    expect(last()).toMatchObject({ backend: 'webgl', next: 'wasm' });
    w.follow(ready('cpu', 0));
    expect(last()).toMatchObject({ backend: 'cpu', next: null });
  });

  it('a failed start stops it (the failure has its own message)', () => {
    const w = watch();
    w.begin('webgpu', 0, false);
    w.follow({ type: 'error', kind: 'settings', message: '', advice: '', step: 0 });
    expect(last()).not.toBeNull();
    w.follow({ type: 'error', kind: 'init', message: '', advice: '', step: 0 });
    expect(last()).toBeNull();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reads the deadline at each start (a test shortens it)', () => {
    const w = watch();
    deadline = 3000;
    w.begin('webgl', 10, true);
    vi.advanceTimersByTime(3000);
    expect(last()).toMatchObject({ overdue: true, dueMs: 3000, next: 'wasm' });
    deadline = STARTUP_DEADLINE_MS;
    w.begin('wasm', 10, true);
    expect(last()).toMatchObject({ overdue: false, elapsedMs: 0, dueMs: STARTUP_DEADLINE_MS, backend: 'wasm' });
    // One clock: the first start's timer was replaced.
    expect(vi.getTimerCount()).toBe(1);
  });
});
