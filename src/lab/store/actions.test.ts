// The page's worker ownership on a backend switch and a start-up deadline, with a fake Worker:
// which checkpoint a switch resumes from, which step the bar shows meanwhile, and what accepting
// the offered backend sends to the next worker.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Command, RunInfo, WorkerEvent } from '../contract';
import { defaultLabConfig } from '../config/lab-config';
import { STARTUP_DEADLINE_MS } from './startup-watch';

vi.mock('./library', () => ({ followWorkerEvent: () => {}, refreshLibrary: async () => {}, storedStep: () => undefined }));

class FakeWorker {
  static all: FakeWorker[] = [];
  sent: Command[] = [];
  terminated = false;
  onmessage: ((e: { data: WorkerEvent }) => void) | null = null;
  onerror: unknown = null;
  constructor() {
    FakeWorker.all.push(this);
  }
  postMessage(m: Command) {
    this.sent.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  emit(...evs: WorkerEvent[]) {
    for (const data of evs) this.onmessage?.({ data });
  }
}

const info: RunInfo = { runId: 0, method: 'hkd', label: 'HKD', hints: ['kd'], teacherAcc: 0.9, teacherRecordedAcc: 0.9, teacherSource: 't', teacherStored: false };
const config = { ...defaultLabConfig(), backend: 'wasm' as const };
const ready = (step: number, backend: 'wasm' | 'webgl' | 'cpu' = 'wasm'): WorkerEvent => ({
  type: 'ready', backend, reason: 'test', runs: [info], step, hot: config.hot, config, dataset: { id: 'fashion-mnist', name: 'F', source: '' }, runKey: 'r1', lease: 'writer',
  probes: { indices: new Int32Array(0), labels: new Int32Array(0), thumbnails: new Uint8Array(0), shape: [28, 28, 1], classNames: [] },
});
const checkpoint = (step: number): WorkerEvent => ({ type: 'checkpoint', step, config, checkpoints: [] });
const metrics = (step: number): WorkerEvent => ({ type: 'metrics', seq: step, step, stepsPerSec: 1, runs: [] });
const status = (state: 'paused' | 'running' | 'loading', step: number): WorkerEvent => ({ type: 'status', state, step });
const init = (w: FakeWorker) => w.sent.find((c): c is Extract<Command, { type: 'init' }> => c.type === 'init');

let actions: typeof import('./actions');
let store: typeof import('./lab-store');

beforeEach(async () => {
  vi.useFakeTimers();
  vi.resetModules();
  FakeWorker.all = [];
  vi.stubGlobal('Worker', FakeWorker);
  actions = await import('./actions');
  store = await import('./lab-store');
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** Boots on wasm and trains to step 10: a background save landed at step 5, one is pending at 10. */
function trainedTo10(): FakeWorker {
  actions.boot(config);
  const w = FakeWorker.all[0];
  w.emit(ready(0), status('paused', 0), checkpoint(0), status('running', 0), metrics(5), checkpoint(5), { type: 'saved', runKey: 'r1', step: 5 }, metrics(10));
  return w;
}

describe('switchBackend', () => {
  it('resumes from the checkpoint taken after the pause, not from a background one still being saved', () => {
    const w1 = trainedTo10();
    actions.switchBackend('webgl');
    expect(w1.sent.slice(-2).map((c) => c.type)).toEqual(['pause', 'checkpoint']);
    // A background save's checkpoint (posted before its write lands), still running: no switch yet.
    w1.emit(checkpoint(10));
    expect(FakeWorker.all).toHaveLength(1);
    w1.emit(status('paused', 10), { type: 'saved', runKey: 'r1', step: 10 }, checkpoint(10));
    const w2 = FakeWorker.all[1];
    expect(w1.terminated).toBe(true);
    expect(init(w2)).toMatchObject({ config: { backend: 'webgl' }, resume: { step: 10, runKey: 'r1' } });
    const s = store.useLab.getState();
    expect(s).toMatchObject({ step: 10, runState: 'loading', startup: { resuming: true, fromStep: 10, backend: 'webgl' } });
    // The new worker has no runs yet and says step 0: the bar keeps 10.
    w2.emit(status('loading', 0));
    expect(store.useLab.getState().step).toBe(10);
  });

  it('does not continue a saved record older than the checkpoint (it would lose steps)', () => {
    const w1 = trainedTo10();
    w1.emit(status('paused', 10), checkpoint(10));
    actions.resumeOn('cpu');
    expect(init(FakeWorker.all[1])).toMatchObject({ resume: { step: 10 } });
    expect(init(FakeWorker.all[1])!.resume!.runKey).toBeUndefined();
  });
});

/** Time passing while `w` is stuck compiling: its beat thread (worker/liveness.ts) still beats. */
function stuck(w: FakeWorker, ms: number) {
  for (let t = 0; t < ms; t += 500) {
    vi.advanceTimersByTime(Math.min(500, ms - t));
    w.emit({ type: 'heartbeat' });
  }
}

describe('the start-up deadline', () => {
  it('offers the next backend after 60 s and accepting continues there from the same step', () => {
    const w1 = trainedTo10();
    vi.stubGlobal('window', { __hkdLab: { stallStart: { backend: 'webgl', ms: 120_000 } } });
    actions.switchBackend('webgl');
    w1.emit(status('paused', 10), { type: 'saved', runKey: 'r1', step: 10 }, checkpoint(10));
    const w2 = FakeWorker.all[1];
    // The test hook makes this start slow, and is sent before init.
    expect(w2.sent.map((c) => c.type)).toEqual(['debug', 'init']);
    expect(w2.sent[0]).toEqual({ type: 'debug', action: 'stall-start', ms: 120_000 });
    w2.emit(status('loading', 0), { type: 'progress', phase: 'Compiling shaders for webgl: pass 1 of 2 (x)', warmup: { backend: 'webgl', pass: 1, passes: 2 } });
    // Stuck: nothing more from the worker.
    stuck(w2, STARTUP_DEADLINE_MS - 1000);
    expect(store.useLab.getState().startup).toMatchObject({ overdue: false, elapsedMs: STARTUP_DEADLINE_MS - 1000 });
    stuck(w2, 1000);
    expect(store.useLab.getState().startup).toMatchObject({ overdue: true, next: 'wasm', fromStep: 10 });
    expect(store.useLab.getState().step).toBe(10);

    actions.acceptNextBackend();
    const w3 = FakeWorker.all[2];
    expect(w2.terminated).toBe(true);
    // No stall asked for wasm: init only, from step 10 of the same saved run.
    expect(w3.sent.map((c) => c.type)).toEqual(['init']);
    expect(init(w3)).toMatchObject({ config: { backend: 'wasm' }, resume: { step: 10, runKey: 'r1' } });
    expect(store.useLab.getState()).toMatchObject({ step: 10, startup: { overdue: false, backend: 'wasm', resuming: true } });
    w3.emit(status('loading', 0), ready(10), status('paused', 10), status('running', 10), metrics(11));
    expect(store.useLab.getState()).toMatchObject({ step: 11, startup: null, backend: 'wasm' });
  });

  it('keep waiting hides the offer until one more deadline has passed', () => {
    actions.boot({ ...config, backend: 'webgpu' });
    const w = FakeWorker.all[0];
    stuck(w, STARTUP_DEADLINE_MS);
    expect(store.useLab.getState().startup).toMatchObject({ overdue: true, next: 'webgl' });
    actions.keepWaitingForBackend();
    expect(store.useLab.getState().startup!.overdue).toBe(false);
    stuck(w, STARTUP_DEADLINE_MS);
    expect(store.useLab.getState().startup).toMatchObject({ overdue: true, dueMs: 2 * STARTUP_DEADLINE_MS });
    expect(FakeWorker.all).toHaveLength(1);
  });
});

describe('live edits', () => {
  it('go to the worker from the tab that writes the run, and are refused in a read-only tab (nothing is sent)', () => {
    const w = trainedTo10();
    expect(actions.editHot({ lr: 0.02 }, 'lr=0.02')).toEqual([]);
    expect(w.sent.at(-1)).toMatchObject({ type: 'set-hot', hot: { lr: 0.02 } });
    const sent = w.sent.length;
    w.emit({ type: 'lease', runKey: 'r1', state: 'read-only', step: 10 });
    expect(actions.editHot({ lr: 0.01 }, 'lr=0.01')).toEqual([actions.READ_ONLY_EDIT]);
    expect(w.sent).toHaveLength(sent);
    expect(store.useLab.getState().edits.map((e) => e.label)).toEqual(['lr=0.02']);
  });
});

describe('continue after a worker death', () => {
  it('starts the new worker like any other: the start-up deadline watches it, from the saved step', async () => {
    const w1 = trainedTo10();
    w1.emit({ type: 'crashed', message: 'boom' });
    await vi.runOnlyPendingTimersAsync(); // the list is re-read before the notice
    expect(store.useLab.getState().runState).toBe('stopped');
    actions.continueAfterDeath();
    const w2 = FakeWorker.all[1];
    expect(init(w2)).toMatchObject({ resume: { step: 5, runKey: 'r1' } });
    stuck(w2, STARTUP_DEADLINE_MS);
    expect(store.useLab.getState().startup).toMatchObject({ overdue: true, next: 'cpu', fromStep: 5 });
  });
});
