import { describe, expect, it } from 'vitest';
import { initialState, type LabState } from './lab-store';
import { afterDeath, continueFailedNotice, continuePoint } from './worker-death';

const state = (over: Partial<LabState>): LabState => ({ ...initialState(), runState: 'running', step: 57, runKey: 'run-a', ...over });

describe('after the training worker died', () => {
  it('stops the run and offers its last good save', () => {
    const s = state({ lastGoodSave: { runKey: 'run-a', step: 50 }, saved: { runKey: 'run-a', step: 55, problem: 'full' } });
    expect(continuePoint(s)).toEqual({ runKey: 'run-a', step: 50 });
    const next = afterDeath(s, { cause: 'silent', detail: 'no sign of life for 4.0 s' });
    expect(next.runState).toBe('stopped');
    expect(next.notice?.kind).toBe('worker');
    expect(next.notice?.message).toBe('The training worker is gone at step 57: it stopped answering (no sign of life for 4.0 s); the browser may have closed it, for example to free memory. Training has stopped.');
    expect(next.notice?.advice).toMatch(/^Continue from the last save \(step 50\)/);
  });

  it('offers a fresh start when nothing of this run was saved (a save of the run it replaced does not count)', () => {
    const s = state({ lastGoodSave: { runKey: 'run-old', step: 80 } });
    expect(continuePoint(s)).toBeNull();
    const next = afterDeath(s, { cause: 'crashed', detail: 'an unhandled promise rejection: x' });
    expect(next.notice?.message).toContain('it reported an unhandled promise rejection: x');
    expect(next.notice?.advice).toMatch(/^Nothing was saved yet: start again with the same settings/);
  });

  it('offers the save storage holds when it is newer than the last one reported (the worker died before saying so)', () => {
    const s = state({ lastGoodSave: { runKey: 'run-a', step: 50 } });
    expect(continuePoint(s, 54)).toEqual({ runKey: 'run-a', step: 54 });
    expect(continuePoint(s, 40)).toEqual({ runKey: 'run-a', step: 50 });
    expect(continuePoint(state({}), 54)).toEqual({ runKey: 'run-a', step: 54 });
    expect(afterDeath(s, { cause: 'error', detail: 'x' }, 54).notice?.advice).toMatch(/^Continue from the last save \(step 54\)/);
  });

  it('says so when the save could not be read back', () => {
    expect(continueFailedNotice({ runKey: 'run-a', step: 50 }).message).toContain('The last save (step 50) could not be read back');
  });
});
