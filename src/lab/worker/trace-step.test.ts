import { describe, expect, it } from 'vitest';
import { transferables, type WorkerEvent } from '../contract';
import type { StepTrace } from '../../core/train/step-trace';
import type { SessionDeps } from './session-deps';
import { Session } from './session';
import { gatherImages, traceRefusal } from './trace-step';

describe('traced steps crossing to the page', () => {
  it('gathers the images of the batch in its order', () => {
    const split = { images: Uint8Array.from([0, 1, 10, 11, 20, 21]), labels: new Uint8Array(3), count: 3 };
    expect(Array.from(gatherImages(split, [2, 0], 2))).toEqual([20, 21, 0, 1]);
  });

  it('transfers every typed array of the trace once', () => {
    const f = () => new Float32Array(2);
    const batch = { indices: new Int32Array(1), labels: new Int32Array(1) };
    const meta = { batch: { indices: new Int32Array(1), labels: new Int32Array(1) }, vBefore: f(), G: f() } as unknown as StepTrace['meta'];
    const trace = { step: 0, hints: [], batch, losses: f(), meta, v: f(), vt: f(), actual: { lr: 0, total: 0, terms: {}, gradNorm: 0 } } as unknown as StepTrace;
    const ev: WorkerEvent = { type: 'step-trace', runId: 0, trace, images: { thumbnails: new Uint8Array(4), shape: [2, 2, 1], classNames: [] } };
    const list = transferables(ev);
    expect(list).toHaveLength(10);
    expect(new Set(list).size).toBe(10);
    expect(list).toContain(meta!.G.buffer);
    expect(list).toContain(ev.images.thumbnails.buffer);
  });

  it('refuses a traced step unless the runs are paused and the run exists, saying why', () => {
    const paused = { state: 'paused' as const, teacherPhase: false, runs: 2 };
    expect(traceRefusal(paused, 0)).toBeNull();
    expect(traceRefusal(paused, 1)).toBeNull();
    expect(traceRefusal({ ...paused, state: 'running' }, 0)).toMatch(/training again; pause them/);
    expect(traceRefusal({ ...paused, state: 'loading' }, 0)).toMatch(/being built/);
    expect(traceRefusal({ ...paused, state: 'stopped' }, 0)).toMatch(/stopped/);
    expect(traceRefusal({ ...paused, teacherPhase: true }, 0)).toMatch(/teacher is still training/);
    expect(traceRefusal(paused, 2)).toBe('there is no run 2 (2 running).');
  });

  it('the session answers a refused trace-step, so the page does not wait for stages forever', () => {
    const posted: WorkerEvent[] = [];
    // A new session has no runs yet (loading): the request is refused at once.
    new Session(idleDeps((ev) => posted.push(ev))).handle({ type: 'trace-step', runId: 0 });
    expect(posted).toEqual([{ type: 'trace-refused', runId: 0, reason: expect.stringMatching(/being built/) }]);
  });
});

/** A session's dependencies for a session that never gets to load anything. */
function idleDeps(post: SessionDeps['post']): SessionDeps {
  const never = () => Promise.reject(new Error('not used by this test'));
  return { post, store: never, backend: { choose: never, device: () => null }, loadDataset: never, pretrainedTeacher: never, locks: null, clock: () => 0, yieldToEvents: () => Promise.resolve() };
}
