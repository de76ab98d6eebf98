import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { startNodeBackend } from './backend';

describe('startNodeBackend', () => {
  it('starts wasm and trains a dense layer on it', async () => {
    const choice = await startNodeBackend('wasm');
    expect(choice.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    const w = tf.variable(tf.ones([3, 2]));
    const x = tf.tensor2d([[1, 2, 3]]);
    const g = tf.grad((v: tf.Tensor) => tf.sum(tf.matMul(x, v)))(w);
    expect(Array.from(await g.data())).toEqual([1, 1, 2, 2, 3, 3]);
  });
});
