// A separate file: vitest runs each file in its own process, and a failed wasm start-up stays failed.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { startNodeBackend } from './backend';

describe('startNodeBackend fallback', () => {
  it('says so and continues on cpu when wasm fails to start', async () => {
    const choice = await startNodeBackend('wasm', { wasmDir: '/nonexistent/wasm-files/' });
    expect(choice.name).toBe('cpu');
    expect(choice.reason).toMatch(/wasm failed to start .*continuing on cpu/);
    expect(tf.getBackend()).toBe('cpu');
  });
});
