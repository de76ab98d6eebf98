import { describe, expect, it } from 'vitest';
import type { StepTrace } from '../../core/train/step-trace';
import { followTrace, idleTrace, type StepTraceEvent, type TraceState } from './step-trace';

const ev = (step: number): StepTraceEvent => ({
  type: 'step-trace', runId: 0,
  trace: { step } as StepTrace,
  images: { thumbnails: new Uint8Array(0), shape: [1, 1, 1], classNames: [] },
});
const apply = (s: TraceState, e: Parameters<typeof followTrace>[1]) => ({ ...s, ...followTrace(s, e) });

describe('step-through store', () => {
  it('shows a trace only when one was asked for', () => {
    expect(apply(idleTrace(), ev(3))).toEqual(idleTrace());
    const shown = apply({ ...idleTrace(), status: 'waiting' }, ev(3));
    expect(shown.status).toBe('shown');
    expect(shown.event?.trace.step).toBe(3);
  });

  it('an error while waiting ends the wait with its message; one while shown keeps the stages', () => {
    const err = { type: 'error', kind: 'diverged', message: 'diverged at step 4', advice: '', step: 4 } as const;
    expect(apply({ ...idleTrace(), status: 'waiting' }, err)).toEqual({ status: 'idle', event: null, problem: 'diverged at step 4' });
    const shown: TraceState = { status: 'shown', event: ev(2), problem: null };
    expect(apply(shown, err)).toEqual(shown);
  });

  it('a refused trace-step ends the wait with its reason (and changes nothing when not waiting)', () => {
    const refused = { type: 'trace-refused', runId: 0, reason: 'the runs are training again; pause them, then ask again.' } as const;
    expect(apply({ ...idleTrace(), status: 'waiting' }, refused)).toEqual({ status: 'idle', event: null, problem: refused.reason });
    const shown: TraceState = { status: 'shown', event: ev(2), problem: null };
    expect(apply(shown, refused)).toEqual(shown);
  });

  it('new runs drop the old trace; other events change nothing', () => {
    const shown: TraceState = { status: 'shown', event: ev(2), problem: null };
    expect(apply(shown, { type: 'ready' } as Parameters<typeof followTrace>[1])).toEqual(idleTrace());
    expect(followTrace(shown, { type: 'status', state: 'paused', step: 3 })).toEqual({});
  });
});
