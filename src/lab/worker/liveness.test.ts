import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LivenessEvent } from '../contract';
import { simulateDeath, startLiveness } from './liveness';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

class FakeScope extends EventTarget {
  closed = 0;
  close() {
    this.closed++;
  }
}

function errorEvent(message: string) {
  return Object.assign(new Event('error'), { message });
}
function rejectionEvent(reason: unknown) {
  return Object.assign(new Event('unhandledrejection'), { reason });
}

describe('worker liveness', () => {
  it('beats from a timer, idle or not, until stopped', () => {
    const scope = new FakeScope();
    const posted: LivenessEvent[] = [];
    const stop = startLiveness(scope, (e) => posted.push(e), 1_000);
    vi.advanceTimersByTime(3_500);
    expect(posted).toEqual([{ type: 'heartbeat' }, { type: 'heartbeat' }, { type: 'heartbeat' }]);
    stop();
    vi.advanceTimersByTime(5_000);
    expect(posted).toHaveLength(3);
  });

  it('reports uncaught errors and unhandled rejections as crashes, with their message', () => {
    const scope = new FakeScope();
    const posted: LivenessEvent[] = [];
    startLiveness(scope, (e) => posted.push(e));
    scope.dispatchEvent(errorEvent('Uncaught Error: boom'));
    scope.dispatchEvent(rejectionEvent(new Error('no such store')));
    scope.dispatchEvent(rejectionEvent('plain text'));
    expect(posted).toEqual([
      { type: 'crashed', message: 'an uncaught error: Uncaught Error: boom' },
      { type: 'crashed', message: 'an unhandled promise rejection: no such store' },
      { type: 'crashed', message: 'an unhandled promise rejection: plain text' },
    ]);
  });

  it('the debug actions close the scope, throw, or leave a rejection unhandled', async () => {
    const scope = new FakeScope();
    simulateDeath(scope, 'close');
    expect(scope.closed).toBe(1);
    // Thrown out of the handler that called it: uncaught in a worker.
    expect(() => simulateDeath(scope, 'throw')).toThrow('simulated uncaught error');
    const seen = new Promise<unknown>((resolve) => process.once('unhandledRejection', resolve));
    simulateDeath(scope, 'reject');
    expect(String(await seen)).toMatch('simulated unhandled rejection');
  });
});
