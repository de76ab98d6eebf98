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
 * Weight of the new batch statistics in the running averages. PyTorch's 0.1 lags behind the
 * fast-moving weights of a few-hundred-step browser run: measured on the cnn preset after 300 KD
 * steps, test accuracy in eval mode was 0.38 at 0.1 against 0.67 at 0.3 (0.73 with batch statistics).
 */
export const BN_MOMENTUM = 0.3;

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
 * records new running statistics in ctx.bnUpdates; it never assigns. Eval uses running stats.
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
  const n = x.size / x.shape[x.shape.length - 1];
  const m = BN_MOMENTUM;
  const runMean = get<tf.Tensor1D>(ctx.state, meanKey);
  const runVar = get<tf.Tensor1D>(ctx.state, varKey);
  // No loss depends on the updates, so no gradient flows through them. Unbiased variance, as in PyTorch.
  const pushUpdate = (mean: tf.Tensor, variance: tf.Tensor) =>
    ctx.bnUpdates.push({
      name: meanKey,
      varName: varKey,
      mean: tf.add(tf.mul(runMean, 1 - m), tf.mul(mean, m)) as tf.Tensor1D,
      variance: tf.add(tf.mul(runVar, 1 - m), tf.mul(variance, (m * n) / Math.max(n - 1, 1))) as tf.Tensor1D,
    });
  if (resolveConvImpl(ctx.impl) === 'fast') {
    const r = fastBatchNormTrain(x, gamma, beta, BN_EPSILON, relu);
    pushUpdate(r.mean, r.variance);
    return r.y;
  }
  const axes = x.rank === 4 ? [0, 1, 2] : [0];
  const mean = tf.mean(x, axes);
  const centred = tf.sub(x, mean);
  const variance = tf.mean(tf.square(centred), axes);
  const scale = tf.mul(gamma, tf.rsqrt(tf.add(variance, BN_EPSILON)));
  const y = tf.add(tf.mul(centred, scale), beta) as T;
  pushUpdate(mean, variance);
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
 * Applies BN updates from a real training step to the state variables, then disposes the update
 * tensors. Virtual, meta and finite-difference passes simply drop (dispose) their updates.
 */
export function applyBnUpdates(stateVars: Record<string, tf.Variable>, updates: BnUpdate[]): void {
  for (const u of updates) {
    const mv = stateVars[u.name];
    const vv = stateVars[u.varName];
    if (!mv || !vv) throw new Error(`applyBnUpdates: no state variable "${!mv ? u.name : u.varName}"`);
    mv.assign(u.mean);
    vv.assign(u.variance);
    u.mean.dispose();
    u.variance.dispose();
  }
}
