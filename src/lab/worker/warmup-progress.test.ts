// The worker's start-up passes: numbered, the first training step last and once, shader
// compilation named where there is one; the debug hook blocks one pass, once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WorkerEvent } from '../contract';
import { WarmupProgress, warmupPhase } from './warmup-progress';

function recorder() {
  const events: WorkerEvent[] = [];
  return { events, progress: new WarmupProgress((ev) => events.push(ev)) };
}

afterEach(() => vi.restoreAllMocks());

describe('warmupPhase', () => {
  it('names shader compilation on webgl and webgpu, warm-up elsewhere', () => {
    expect(warmupPhase({ backend: 'webgpu', pass: 2, passes: 4 }, 'x')).toBe('Compiling shaders for webgpu: pass 2 of 4 (x)');
    expect(warmupPhase({ backend: 'webgl', pass: 1, passes: 2 }, 'y')).toBe('Compiling shaders for webgl: pass 1 of 2 (y)');
    expect(warmupPhase({ backend: 'wasm', pass: 1, passes: 2 }, 'z')).toBe('Warming up wasm: pass 1 of 2 (z)');
  });
});

describe('WarmupProgress', () => {
  it('posts one pass per run, then the first training step as the last pass, once', () => {
    const { events, progress } = recorder();
    progress.begin('webgpu', 3);
    progress.next('run 1');
    progress.next('run 2');
    progress.next('run 3');
    progress.beforeStep();
    progress.beforeStep();
    const warm = events.map((e) => (e.type === 'progress' ? e.warmup : undefined));
    expect(warm).toEqual([1, 2, 3, 4].map((pass) => ({ backend: 'webgpu', pass, passes: 4 })));
    expect(events[3]).toMatchObject({ phase: expect.stringMatching(/^Compiling shaders for webgpu: pass 4 of 4 \(the first training step/) });
  });

  it('posts nothing before a backend is known, and starts over at each build', () => {
    const { events, progress } = recorder();
    progress.next('too early');
    progress.beforeStep();
    expect(events).toEqual([]);
    progress.begin('wasm', 1);
    progress.next('run 1');
    progress.beforeStep();
    progress.begin('wasm', 2);
    progress.next('run 1');
    expect(events.map((e) => e.type === 'progress' && e.warmup)).toEqual([
      { backend: 'wasm', pass: 1, passes: 2 }, { backend: 'wasm', pass: 2, passes: 2 }, { backend: 'wasm', pass: 1, passes: 3 },
    ]);
  });

  it('the stall hook blocks the next pass after posting it, and only that pass', () => {
    // A clock that moves 100 ms per read: the busy wait must read it until 1 s has gone.
    let t = 0;
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => (t += 100));
    const { events, progress } = recorder();
    progress.begin('webgl', 1);
    progress.stallNextPass(1000);
    progress.next('run 1');
    expect(events).toHaveLength(1);
    expect(t).toBeGreaterThanOrEqual(1100);
    const reads = clock.mock.calls.length;
    progress.beforeStep();
    expect(clock.mock.calls.length).toBe(reads);
    expect(events).toHaveLength(2);
  });
});
