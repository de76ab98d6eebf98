// A session driven through its commands with fakes for what it is given (SessionDeps): an
// in-memory run store (fake-indexeddb), a backend whose device loss the test triggers, the
// embedded data and a random teacher. Play → edit → pause → backend loss → resume on a new
// session, checked against a run that was never interrupted.
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeBackend } from '../../node/backend';
import type { Dataset } from '../../core/data/dataset';
import { RunStore } from '../../core/storage/run-store';
import { randomTeacher, smallEmbedded } from '../../core/train/fixtures.test-util';
import type { Command, WorkerEvent } from '../contract';
import { chunkColumn } from '../../core/runs/run-log';
import { defaultLabConfig, type LabConfig } from '../config/lab-config';
import type { DeviceLike } from './backend';
import { Session } from './session';
import type { SessionDeps } from './session-deps';

let data: Dataset;
beforeAll(async () => {
  // wasm: several times faster than cpu here for the trainers' set-up (batch-norm statistics, teacher measurement).
  await startNodeBackend('wasm');
  data = await smallEmbedded(64, 16);
});

type Ev<T extends WorkerEvent['type']> = Extract<WorkerEvent, { type: T }>;

/** A session as the page sees it: the events it posts (metrics acked, as the page does). */
class Harness {
  readonly events: WorkerEvent[] = [];
  readonly session: Session;
  private loseDevice!: (info: { reason?: string; message?: string }) => void;
  private wake: (() => void)[] = [];

  constructor(store: RunStore) {
    const device: DeviceLike = { lost: new Promise((r) => (this.loseDevice = r)), destroy: () => {} };
    const deps: SessionDeps = {
      post: (ev) => {
        this.events.push(ev);
        if (ev.type === 'metrics') queueMicrotask(() => this.send({ type: 'ack', seq: ev.seq }));
        for (const w of this.wake.splice(0)) w();
      },
      store: async () => store,
      backend: { choose: async () => ({ name: 'wasm', reason: 'the test backend' }), device: () => device },
      loadDataset: async () => data,
      pretrainedTeacher: async () => ({ teacher: randomTeacher('cnn'), recordedAccuracy: 0.5, source: 'a random test teacher', pretrained: true }),
      locks: null,
      clock: () => performance.now(),
      yieldToEvents: () => new Promise((r) => setImmediate(r)),
    };
    this.session = new Session(deps);
  }

  send(cmd: Command) {
    this.session.handle(cmd);
  }

  lose(message: string) {
    this.loseDevice({ reason: 'destroyed', message });
  }

  /** The first event of `type` from index `from` on that satisfies `ok`. */
  async next<T extends WorkerEvent['type']>(type: T, ok: (e: Ev<T>) => boolean = () => true, from = 0): Promise<Ev<T>> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const hit = this.events.slice(from).find((e): e is Ev<T> => e.type === type && ok(e as Ev<T>));
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`no ${type} event; got ${this.events.map((e) => e.type).join(', ')}`);
      await new Promise<void>((r) => {
        this.wake.push(r);
        setTimeout(r, 200);
      });
    }
  }

  /** Run 0's reported steps: step index → [total loss, learning rate]. */
  steps(): Map<number, [number, number]> {
    const out = new Map<number, [number, number]>();
    for (const e of this.events) {
      if (e.type !== 'metrics') continue;
      const c = e.runs[0];
      const [step, total, lr] = (['step', 'loss.total', 'lr'] as const).map((name) => chunkColumn(c, name));
      for (let i = 0; i < c.length; i++) out.set(step[i], [total[i], lr[i]]);
    }
    return out;
  }

  get step(): number {
    return Math.max(0, ...[...this.steps().keys()].map((s) => s + 1));
  }
}

function config(): LabConfig {
  const c = defaultLabConfig();
  return {
    ...c,
    backend: 'cpu',
    cold: { ...c.cold, method: 'hkd', batchSize: 8, metaBatchSize: 8, probeCount: 8, probeEvery: 1000, evalEvery: 0, evalSize: 16, lrSchedule: 'constant' },
  };
}

const EDIT = { lr: 0.01 };

describe('Session', () => {
  it('plays, applies an edit from the next step, pauses, stops on a backend loss and resumes from the last save with the losses of an uninterrupted run', async () => {
    const store = await RunStore.open('session-test-a');
    const a = new Harness(store);
    a.send({ type: 'init', config: config() });
    const ready = await a.next('ready');
    expect(ready.step).toBe(0);
    await a.next('status', (e) => e.state === 'paused');

    // Play: steps advance without being asked one by one.
    a.send({ type: 'start' });
    await a.next('status', (e) => e.state === 'running');
    await a.next('metrics', (e) => e.step >= 2);

    // A live edit lands between two steps: the steps before it ran at the old rate, those from it on at the new.
    a.send({ type: 'set-hot', editId: 1, hot: EDIT });
    const edit = await a.next('hot-applied', (e) => e.editId === 1);
    const k = edit.step;
    expect(edit.hot.lr).toBe(EDIT.lr);
    await a.next('metrics', (e) => e.step >= k + 2);

    // Pause: the loop stops; the pause saves a checkpoint the page can resume from.
    a.send({ type: 'pause' });
    const paused = await a.next('status', (e) => e.state === 'paused', a.events.length);
    const ck = await a.next('checkpoint', (e) => e.step === paused.step);
    const saved = await a.next('saved', (e) => e.step === paused.step);
    const n = paused.step;
    expect(a.step).toBe(n);
    const before = a.events.length;
    await new Promise((r) => setTimeout(r, 400));
    expect(a.events.slice(before).filter((e) => e.type === 'metrics')).toEqual([]);

    const rates = a.steps();
    for (let i = 0; i < n; i++) expect(rates.get(i)?.[1], `lr of step ${i}`).toBe(i < k ? config().hot.lr : EDIT.lr);

    // The backend goes: the session stops for good, naming the checkpoint to continue from.
    a.lose('the test pulled it');
    const failure = await a.next('error', (e) => e.kind === 'backend');
    expect(failure.message).toMatch(/wasm backend failed at step \d+: the WebGPU device was lost \(destroyed: the test pulled it\)/);
    expect(failure.advice).toContain(`the last checkpoint (step ${n})`);
    await a.next('status', (e) => e.state === 'stopped');
    const afterFailure = a.events.length;
    a.send({ type: 'step' });
    a.send({ type: 'start' });
    await new Promise((r) => setTimeout(r, 300));
    expect(a.events.slice(afterFailure).filter((e) => e.type === 'metrics' || (e.type === 'status' && e.state === 'running'))).toEqual([]);

    // The page's new worker resumes from the saved run: same record, same step, its past and edit log.
    const b = new Harness(store);
    b.send({ type: 'init', config: config(), resume: { step: n, checkpoints: ck.checkpoints, runKey: saved.runKey } });
    const resumed = await b.next('ready');
    expect(resumed.step).toBe(n);
    expect(resumed.runKey).toBe(ready.runKey);
    expect(resumed.history?.chunks[0].length).toBe(n);
    expect(resumed.history?.edits).toEqual([expect.objectContaining({ step: k, setting: 'lr', to: EDIT.lr })]);
    expect(resumed.hot.lr).toBe(EDIT.lr);
    for (let i = 0; i < 3; i++) b.send({ type: 'step' });
    await b.next('metrics', (e) => e.step === n + 3);

    // The same run never interrupted: single steps, the edit at the same step.
    const r = new Harness(await RunStore.open('session-test-ref'));
    r.send({ type: 'init', config: config() });
    await r.next('ready');
    for (let i = 0; i < k; i++) r.send({ type: 'step' });
    r.send({ type: 'set-hot', editId: 1, hot: EDIT });
    for (let i = k; i < n + 3; i++) r.send({ type: 'step' });
    await r.next('metrics', (e) => e.step === n + 3);

    const losses = (m: Map<number, [number, number]>, from: number, to: number) => Array.from({ length: to - from }, (_, i) => m.get(from + i)?.[0]);
    const reference = r.steps();
    expect(losses(a.steps(), 0, n)).toEqual(losses(reference, 0, n));
    expect(losses(b.steps(), n, n + 3)).toEqual(losses(reference, n, n + 3));
    expect(losses(reference, 0, n + 3).every((x) => Number.isFinite(x))).toBe(true);
    store.close();
  });
});
