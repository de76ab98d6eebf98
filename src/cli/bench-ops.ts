// Scratch micro-benchmarks of single wasm ops (node scripts/run-node.mjs src/cli/bench-ops.ts).
// Inputs are fresh tensors each run: XNNPACK caches packed right-hand matMul operands per tensor.
import * as tf from '@tensorflow/tfjs';
import { startNodeBackend } from '../node/backend';
import { timeMedian } from './bench-conv';

async function t(name: string, shape: number[], f: (x: tf.Tensor) => tf.Tensor | tf.Tensor[]) {
  const ms = await timeMedian(async () => {
    const x = tf.randomNormal(shape);
    const t0 = performance.now();
    const r = tf.tidy(() => f(x));
    const arr = Array.isArray(r) ? r : [r];
    await Promise.all(arr.map((a) => a.data()));
    const el = performance.now() - t0;
    tf.dispose([...arr, x]);
    times.push(el);
  }, 10, 2);
  void ms;
  const s = times.splice(0).sort((a, b) => a - b);
  console.log(`${name.padEnd(50)} ${s[Math.floor(s.length / 2)].toFixed(2)} ms`);
}
const times: number[] = [];

async function main() {
  await startNodeBackend('wasm');
  for (const shape of [[64, 32, 32, 32], [32, 28, 28, 8]]) {
    const [b, h, w, c] = shape;
    const n = b * h * w;
    console.log(shape);
    await t('matMul(ones, X) fresh', shape, (x) => tf.matMul(tf.ones([1, n]), tf.reshape(x, [n, c])));
    await t('matMul(X^T via transpose, ones)', shape, (x) => tf.matMul(tf.transpose(tf.reshape(x, [n, c])), tf.ones([n, 1])));
    await t('sum 012', shape, (x) => tf.sum(x, [0, 1, 2]));
    await t('avgPool global + sum0', shape, (x) => tf.sum(tf.reshape(tf.avgPool(x as tf.Tensor4D, [h, w], 1, 'valid'), [b, c]), 0));
    await t('mean 12 (GAP)', shape, (x) => tf.mean(x, [1, 2]));
    await t('conv2d 1x1 ones as filter? [n/c..]', shape, (x) => tf.sum(tf.reshape(x, [n / 64, 64, c]), [0, 1]));
    await t('mul', shape, (x) => tf.mul(x, x));
  }
}
void main();
