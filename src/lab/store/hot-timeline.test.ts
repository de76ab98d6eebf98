import { describe, expect, it } from 'vitest';
import { defaultLabConfig } from '../config/lab-config';
import type { RunHistory, WorkerEvent } from '../contract';
import { applyEvent, initialState, type LabState } from './lab-store';
import { hotAt, hotTimeline } from './hot-timeline';

const base = defaultLabConfig().hot;
const now = { ...base, betas: { ...base.betas, at: 50 }, gamma: 0.5 };

function ready(hot = base, step = 0, history?: RunHistory): WorkerEvent {
  const info = { runId: 0, method: 'hkd' as const, label: 'HKD', hints: ['kd' as const, 'at' as const], teacherAcc: 0.9, teacherRecordedAcc: 0.9, teacherSource: 't', teacherStored: false };
  return {
    type: 'ready', backend: 'wasm', reason: 'test', runs: [info], step, hot, config: { ...defaultLabConfig(), hot }, dataset: { id: 'fashion-mnist', name: 'F', source: '' }, runKey: 'r1', lease: 'writer', history,
    probes: { indices: new Int32Array(2), labels: new Int32Array(2), thumbnails: new Uint8Array(2 * 784), shape: [28, 28, 1], classNames: [] },
  };
}

function run(events: WorkerEvent[], s: LabState = initialState()): LabState {
  for (const e of events) s = { ...s, ...applyEvent(s, e) };
  return s;
}

describe('hot settings by step', () => {
  it('replays the applied edits forwards from the start settings', () => {
    const t = hotTimeline(base, [
      { step: 10, status: 'applied', changed: { betas: { at: 50 } as never } },
      { step: 20, status: 'refused', changed: { gamma: 9 } },
      { step: 30, status: 'applied', changed: { gamma: 0.5 } },
      { step: 40, status: 'pending', changed: { gamma: 7 } },
    ]);
    expect(hotAt(t, 0)).toEqual(base);
    expect(hotAt(t, 9)).toEqual(base);
    expect(hotAt(t, 10)).toEqual({ ...base, betas: { ...base.betas, at: 50 } });
    expect(hotAt(t, 29)).toEqual({ ...base, betas: { ...base.betas, at: 50 } });
    expect(hotAt(t, 30)).toEqual(now);
    expect(hotAt(t, 1e6)).toEqual(now);
  });

  it('applies edits in step order, and those of one step in the order they were made', () => {
    const t = hotTimeline(base, [
      { step: 8, status: 'applied', changed: { gamma: 3 } },
      { step: 5, status: 'applied', changed: { gamma: 1, betas: { kd: 4 } as never } },
      { step: 5, status: 'applied', changed: { gamma: 2 } },
    ]);
    expect(hotAt(t, 4)).toEqual(base);
    expect(hotAt(t, 5)).toEqual({ ...base, gamma: 2, betas: { ...base.betas, kd: 4 } });
    expect(hotAt(t, 8)).toEqual({ ...base, gamma: 3, betas: { ...base.betas, kd: 4 } });
  });

  it('without edits every step has the start settings', () => {
    expect(hotAt(hotTimeline(now, []), 5)).toEqual(now);
  });

  it('the store keeps the start settings: a fresh run’s, a saved run’s (any age), and across a resume on another backend', () => {
    // Live: the settings now differ from the start; earlier steps keep the start's.
    let s = run([ready(), { type: 'hot-applied', editId: -1, step: 3, hot: { ...base, betas: { ...base.betas, kd: 2 } }, changed: { betas: { kd: 2 } as never }, label: 'βkd=2' }]);
    expect(s.startHot).toEqual(base);
    expect(hotAt(hotTimeline(s.startHot!, s.edits), 2).betas.kd).toBe(base.betas.kd);
    expect(hotAt(hotTimeline(s.startHot!, s.edits), 3).betas.kd).toBe(2);
    // A resume on another backend says the settings now; the start stays the page's.
    s = run([ready(s.hot!, 5)], s);
    expect(s.startHot).toEqual(base);
    expect(hotAt(hotTimeline(s.startHot!, s.edits), 2).betas.kd).toBe(base.betas.kd);
    // A saved run brings its start settings and edit log (only `to` matters: `from` is not read).
    const history: RunHistory = { chunks: [], evals: [], startHot: { ...base, betas: { ...base.betas, at: 100 } }, edits: [{ step: 4, setting: 'betas.at', from: 1234, to: 50 }] };
    s = run([ready(now, 9, history)], s);
    expect(s.startHot!.betas.at).toBe(100);
    expect(hotAt(hotTimeline(s.startHot!, s.edits), 3).betas.at).toBe(100);
    expect(hotAt(hotTimeline(s.startHot!, s.edits), 4).betas.at).toBe(50);
  });
});
