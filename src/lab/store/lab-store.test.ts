import { describe, expect, it } from 'vitest';
import { chunkFrom } from '../../core/runs/run-log.test-util';
import type { LeaseState, RunInfo, WorkerEvent } from '../contract';
import { defaultLabConfig } from '../config/lab-config';
import { applyEvent, initialState, type LabState } from './lab-store';

const info: RunInfo = { runId: 0, method: 'hkd', label: 'HKD', hints: ['kd', 'fitnet', 'at'], teacherAcc: 0.9, teacherRecordedAcc: 0.9, teacherSource: 'test', teacherStored: false };

function ready(step = 0, lease: LeaseState = 'writer'): WorkerEvent {
  return {
    type: 'ready', backend: 'wasm', reason: 'test', runs: [info], step, hot: defaultLabConfig().hot, config: defaultLabConfig(), dataset: { id: 'fashion-mnist', name: 'F', source: '' }, runKey: 'r1', lease,
    probes: { indices: new Int32Array(2), labels: new Int32Array(2), thumbnails: new Uint8Array(2 * 784), shape: [28, 28, 1], classNames: [] },
  };
}

function metrics(from: number, n: number): WorkerEvent {
  return { type: 'metrics', seq: 1, step: from + n, stepsPerSec: 5, runs: [chunkFrom(0, n, { step: (i) => i }, from)] };
}

function run(events: WorkerEvent[], s: LabState = initialState()): LabState {
  for (const e of events) s = { ...s, ...applyEvent(s, e) };
  return s;
}

describe('applyEvent', () => {
  it('keeps the last good save apart from a failed one (a dead worker continues from the good one)', () => {
    let s: LabState = initialState();
    s = { ...s, ...applyEvent(s, { type: 'saved', runKey: 'r', step: 10 }) };
    s = { ...s, ...applyEvent(s, { type: 'saved', runKey: 'r', step: 14, problem: 'the storage for this site is full' }) };
    expect(s.saved).toEqual({ runKey: 'r', step: 14, problem: 'the storage for this site is full' });
    expect(s.lastGoodSave).toEqual({ runKey: 'r', step: 10 });
    s = { ...s, ...applyEvent(s, { type: 'saved', runKey: 'r', step: 18 }) };
    expect(s.lastGoodSave).toEqual({ runKey: 'r', step: 18 });
  });

  it('builds series from metrics and bumps the version', () => {
    const s = run([ready(), metrics(0, 10)]);
    expect(s.runs[0].series.length).toBe(10);
    expect(s.step).toBe(10);
    expect(s.seriesVersion).toBe(2);
  });

  it('records a confirmed edit at the worker’s step, and a refused one', () => {
    let s = run([ready()]);
    s = { ...s, edits: [{ id: 1, step: -1, label: 'lr', changed: { lr: 0.1 }, status: 'pending' }, { id: 2, step: -1, label: 'mu', changed: { mu: 5 }, status: 'pending' }] };
    s = run([
      { type: 'hot-applied', editId: 1, step: 42, hot: { ...defaultLabConfig().hot, lr: 0.1 }, changed: { lr: 0.1 } },
      { type: 'error', kind: 'settings', editId: 2, step: 42, message: 'bad', advice: '' },
    ], s);
    expect(s.edits[0]).toMatchObject({ step: 42, status: 'applied' });
    expect(s.edits[1].status).toBe('refused');
    expect(s.hot?.lr).toBe(0.1);
    expect(s.notice?.kind).toBe('settings');
  });

  it('a reopened saved run shows its history and its edit markers', () => {
    const m = metrics(0, 12) as Extract<WorkerEvent, { type: 'metrics' }>;
    const ev = { ...ready(12), history: { chunks: m.runs, evals: [{ runId: 0, step: 10, testAcc: 0.5, testLoss: 1, perClassAcc: new Float32Array(10) }], edits: [{ step: 4, setting: 'betas.kd' as const, from: 0.9, to: 2 }] } } as WorkerEvent;
    const s = run([ready(), metrics(0, 30), ev]);
    expect(s.runs[0].series.length).toBe(12);
    expect(s.runs[0].evals).toHaveLength(1);
    expect(s.edits).toMatchObject([{ step: 4, label: 'βkd=2', status: 'applied', changed: { betas: { kd: 2 } } }]);
    expect(s.runKey).toBe('r1');
    expect(s.runs[0].probeHistory).toEqual([]); // saved before probe reports were kept
    const probe = (runId: number, step: number) => ({ runId, step, v: Float32Array.of(step), vt: Float32Array.of(1), vtStep: Int32Array.of(step - 1), losses: Float32Array.of(2, 3), preds: Int32Array.of(0) });
    const withProbes = { ...ev, runs: [info, { ...info, runId: 1, label: 'KD' }], history: { ...(ev as { history: object }).history, probes: [probe(0, 5), probe(1, 5), probe(0, 10)] } } as WorkerEvent;
    const t = run([ready(), withProbes]);
    expect(t.runs[0].probeHistory.map((p) => p.step)).toEqual([5, 10]);
    expect(t.runs[0].probeHistory[1]).toEqual({ step: 10, v: Float32Array.of(10), vt: Float32Array.of(1), vtStep: Int32Array.of(9), losses: Float32Array.of(2, 3), preds: Int32Array.of(0) });
    expect(t.runs[1].probeHistory.map((p) => p.step)).toEqual([5]);
  });

  it('follows the lease: a run opened read-only, taken over, moved away, copied', () => {
    let s = run([ready(0), ready(12, 'read-only')]);
    expect(s.lease).toBe('read-only');
    s = run([ready(20, 'writer')], s); // taken over: reloaded as the writer
    expect(s.lease).toBe('writer');
    s = run([metrics(20, 5), { type: 'lease', runKey: 'r1', state: 'moved', step: 25 }], s);
    expect(s).toMatchObject({ lease: 'moved', runKey: 'r1', step: 25 });
    s = run([{ type: 'lease', runKey: 'r2', state: 'writer', step: 25 }], s); // train a copy
    expect(s).toMatchObject({ lease: 'writer', runKey: 'r2' });
    expect(s.runs[0].series.length).toBe(5); // the curves stay
  });

  it('adds markers for replayed edits, and keeps the teacher curve of a teacher phase', () => {
    let s = run([ready(), { type: 'hot-applied', editId: -1, step: 3, hot: defaultLabConfig().hot, changed: { lr: 0.01 }, label: 'lr=0.01' }]);
    expect(s.edits).toMatchObject([{ id: -1, step: 3, label: 'lr=0.01' }]);
    s = run([
      { type: 'teacher-phase', phase: { state: 'training', step: 0, totalSteps: 10, label: 't' } },
      { type: 'teacher-metrics', seq: 1, rows: Float64Array.from([1, 2.3, 0.1, 0.05, 2, 2.1, 0.2, 0.05]) },
      { type: 'teacher-phase', phase: { state: 'training', step: 2, totalSteps: 10, label: 't' } },
    ], s);
    expect(s.runs).toEqual([]);
    expect(s.teacherCurve.loss).toEqual([2.3, 2.1]);
    expect(s.teacherPhase?.step).toBe(2);
  });

  it('on resume keeps curves up to the checkpoint step only', () => {
    const s = run([ready(), metrics(0, 30), ready(20)]);
    expect(s.runs[0].series.length).toBe(20);
  });

  it('a switch to another backend never shows step 0: a loading worker\'s status keeps the step until ready', () => {
    const steps: number[] = [];
    let s = run([ready(), metrics(0, 120), { type: 'status', state: 'paused', step: 120 }]);
    // The new worker (it has no runs yet) reports loading at step 0, then its ready at the checkpoint.
    for (const e of [
      { type: 'status', state: 'loading', step: 0 },
      { type: 'progress', phase: 'Starting the TensorFlow.js backend…' },
      { type: 'teacher-phase', phase: null },
      ready(120),
      { type: 'status', state: 'paused', step: 120 },
    ] as WorkerEvent[]) {
      s = run([e], s);
      steps.push(s.step);
    }
    expect(steps).toEqual([120, 120, 120, 120, 120]);
  });

  it('after a rollback drops the blown-up steps from the charts, the step count and the edit markers', () => {
    let s = run([ready(), metrics(0, 30)]);
    s = { ...s, edits: [{ id: 1, step: 10, label: 'lr=2', changed: { lr: 2 }, status: 'applied' }, { id: 2, step: 25, label: 'βkd=1e4', changed: {}, status: 'applied' }] };
    s = run([{ type: 'rolled-back', steps: [12] }], s);
    expect(s.runs[0].series.length).toBe(12);
    expect(s.runs[0].series.column('step')[11]).toBe(11);
    expect(s.step).toBe(12);
    expect(s.edits.map((e) => e.step)).toEqual([10, 12]);
    s = run([metrics(12, 3)], s);
    expect(s.runs[0].series.length).toBe(15);
  });

  it('keeps a fallback notice posted while the runs were built, past their ready event, until dismissed', () => {
    const fallback: WorkerEvent = { type: 'error', kind: 'settings', step: 0, message: 'no dataset "imp-nothing-here".', advice: 'The lab uses the built-in Fashion-MNIST instead.' };
    const s = run([fallback, { type: 'progress', phase: 'Loading the teacher…' }, ready(), metrics(0, 3), { type: 'status', state: 'paused', step: 3 }]);
    expect(s.notice).toEqual({ kind: 'settings', message: fallback.message, advice: fallback.advice });
  });
});
