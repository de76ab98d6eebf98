// Layers as pure functions over named tensors (TensorMap), so the same forward runs with
// variables, virtual weights ŵ or finite-difference weights w ± εd.
//
// Naming (used by every network here and by serialize/init):
//   `${prefix}.w`, `${prefix}.b`           conv kernel [k,k,Cin,Cout] / dense [in,out], bias
//   `${prefix}.bn.gamma`, `${prefix}.bn.beta`   batch-norm scale and shift (params)
//   `${prefix}.bn.mean`, `${prefix}.bn.var`     batch-norm running statistics (state)
import * as tf from '@tensorflow/tfjs';
import type { BnUpdate, ConvImpl, ForwardMode, ParamSpec, TensorMap } from './network';
import { conv2d } from './conv';
import { resolveConvImpl } from './impl';
import { fastBatchNormTrain, fastMatMul } from './fast-ops';

export const BN_EPSILON = 1e-5;
/**
 * Weight of the new batch statistics in the running averages, PyTorch's 0.1. Evaluations do not
 * rely on the running averages (they recompute the statistics first, train/bn-stats.ts): at 0.3
 * eval-mode accuracy swung with the last few batches (one KD run read 37.9 % test accuracy while
 * its recent train accuracy was 80 %). The running averages serve the probes between evaluations.
 */
export const BN_MOMENTUM = 0.1;

/** Looks a tensor up by name, with an error that names what is missing. */
export function get<T extends tf.Tensor>(m: TensorMap, name: string): T {
  const t = m[name];
  if (!t) throw new Error(`missing tensor "${name}" (have: ${Object.keys(m).slice(0, 8).join(', ')}${Object.keys(m).length > 8 ? ', …' : ''})`);
  return t as T;
}

/** Collects BN running-stat updates during one forward pass. */
export interface LayerCtx {
  params: TensorMap;
  state: TensorMap;
  mode: ForwardMode;
  impl: ConvImpl;
  bnUpdates: BnUpdate[];
}

/**
 * Batch norm over N,H,W (or N for 2-D input). Train mode normalises with batch statistics and
 * records them in ctx.bnUpdates; it never assigns. Eval uses the running statistics.
 */
export function batchNorm<T extends tf.Tensor4D | tf.Tensor2D>(ctx: LayerCtx, prefix: string, x: T, relu = false): T {
  const gamma = get<tf.Tensor1D>(ctx.params, `${prefix}.bn.gamma`);
  const beta = get<tf.Tensor1D>(ctx.params, `${prefix}.bn.beta`);
  const meanKey = `${prefix}.bn.mean`;
  const varKey = `${prefix}.bn.var`;
  if (ctx.mode === 'eval') {
    const scale = tf.mul(gamma, tf.rsqrt(tf.add(get(ctx.state, varKey), BN_EPSILON)));
    const shift = tf.sub(beta, tf.mul(get(ctx.state, meanKey), scale));
    const y = tf.add(tf.mul(x, scale), shift) as T;
    return relu ? tf.relu(y) : y;
  }
  const count = x.size / x.shape[x.shape.length - 1];
  // No loss depends on the statistics, so no gradient flows through them.
  const record = (batchMean: tf.Tensor1D, batchVar: tf.Tensor1D) => ctx.bnUpdates.push({ name: meanKey, varName: varKey, batchMean, batchVar, count });
  if (resolveConvImpl(ctx.impl) === 'fast') {
    const r = fastBatchNormTrain(x, gamma, beta, BN_EPSILON, relu);
    record(r.mean, r.variance);
    return r.y;
  }
  const axes = x.rank === 4 ? [0, 1, 2] : [0];
  const mean = tf.mean(x, axes) as tf.Tensor1D;
  const centred = tf.sub(x, mean);
  const variance = tf.mean(tf.square(centred), axes) as tf.Tensor1D;
  const scale = tf.mul(gamma, tf.rsqrt(tf.add(variance, BN_EPSILON)));
  const y = tf.add(tf.mul(centred, scale), beta) as T;
  record(mean, variance);
  return relu ? tf.relu(y) : y;
}

/** conv (no bias: BN's beta replaces it) → batch norm → optional relu (fused into BN's gradient on the fast path). */
export function convBn(ctx: LayerCtx, prefix: string, x: tf.Tensor4D, relu = true): tf.Tensor4D {
  return batchNorm(ctx, prefix, conv2d(x, get<tf.Tensor4D>(ctx.params, `${prefix}.w`), ctx.impl), relu);
}

/** x·W + b. */
export function denseLinear(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  return tf.add(tf.matMul(x, w), b);
}

export function dense(ctx: LayerCtx, prefix: string, x: tf.Tensor2D): tf.Tensor2D {
  const w = get<tf.Tensor2D>(ctx.params, `${prefix}.w`);
  const b = get<tf.Tensor1D>(ctx.params, `${prefix}.b`);
  // wasm's transposeA/B matMuls (used by tf.matMul's gradient) are slow: fastMatMul avoids them.
  return resolveConvImpl(ctx.impl) === 'fast' ? tf.add(fastMatMul(x, w), b) : denseLinear(x, w, b);
}

/** Per-instance softmax cross-entropy [B] from logits [B,K] and one-hot (or soft) targets [B,K]. */
export function softmaxCrossEntropy(logits: tf.Tensor2D, targets: tf.Tensor2D): tf.Tensor1D {
  return tf.neg(tf.sum(tf.mul(targets, tf.logSoftmax(logits)), 1)) as tf.Tensor1D;
}

/** Adds the params and state of a conv (k x k, no bias) + BN layer to the spec lists. */
export function convBnSpec(prefix: string, k: number, cin: number, cout: number, params: ParamSpec[], state: ParamSpec[]): void {
  params.push({ name: `${prefix}.w`, shape: [k, k, cin, cout], init: 'he', fanIn: k * k * cin });
  bnSpec(prefix, cout, params, state);
}

export function bnSpec(prefix: string, c: number, params: ParamSpec[], state: ParamSpec[]): void {
  params.push({ name: `${prefix}.bn.gamma`, shape: [c], init: 'ones' }, { name: `${prefix}.bn.beta`, shape: [c], init: 'zeros' });
  state.push({ name: `${prefix}.bn.mean`, shape: [c], init: 'zeros' }, { name: `${prefix}.bn.var`, shape: [c], init: 'ones' });
}

export function denseSpec(prefix: string, nin: number, nout: number, params: ParamSpec[]): void {
  params.push({ name: `${prefix}.w`, shape: [nin, nout], init: 'glorot', fanIn: nin }, { name: `${prefix}.b`, shape: [nout], init: 'zeros' });
}

/**
 * A real training step's new running statistics: mean ← (1−m)·mean + m·batch mean, var ←
 * (1−m)·var + m·unbiased batch variance (as PyTorch). Returns [name, value] pairs to assign.
 */
export function runningStats(state: TensorMap, updates: BnUpdate[], momentum = BN_MOMENTUM): [string, tf.Tensor1D][] {
  return updates.flatMap((u) => {
    const mean = get<tf.Tensor1D>(state, u.name);
    const variance = get<tf.Tensor1D>(state, u.varName);
    const unbiased = u.count / Math.max(u.count - 1, 1);
    return [
      [u.name, tf.add(tf.mul(mean, 1 - momentum), tf.mul(u.batchMean, momentum)) as tf.Tensor1D],
      [u.varName, tf.add(tf.mul(variance, 1 - momentum), tf.mul(u.batchVar, momentum * unbiased)) as tf.Tensor1D],
    ] as [string, tf.Tensor1D][];
  });
}

/** Assigns a real training step's running statistics to the state variables. Call inside tf.tidy. */
export function applyBnUpdates(stateVars: Record<string, tf.Variable>, updates: BnUpdate[], momentum = BN_MOMENTUM): void {
  for (const [name, value] of runningStats(stateVars, updates, momentum)) {
    const v = stateVars[name];
    if (!v) throw new Error(`applyBnUpdates: no state variable "${name}"`);
    v.assign(value);
  }
}
