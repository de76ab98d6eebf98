// The teacher's side of a batch and the student's pass: the loss terms by name (CE, then each
// active hint from hints/terms.ts), stacked in hint order for the meta-weight code.
import * as tf from '@tensorflow/tfjs';
import { ceLoss, correctness } from '../hints/losses';
import { HINT_TERMS, type TermEnv } from '../hints/terms';
import type { TrainOut } from '../meta/look-ahead';
import type { BnUpdate, ForwardMode, Network, TensorMap } from '../nn/network';
import type { HintId } from './config';

export interface TeacherSide {
  /** [B] the teacher's probability of the true class (a possible meta-network input). */
  conf: tf.Tensor1D;
  /** Each active hint's target, in hint order. */
  targets: tf.Tensor[][];
}

export interface Pass extends TrainOut {
  logits: tf.Tensor2D;
  bnUpdates: BnUpdate[];
  /** Per-instance loss [B] of each named term: `ce` and every active hint. */
  terms: Record<string, tf.Tensor1D>;
}

/** The teacher's pass (eval mode) and every hint's target; nothing when no hint needs it. */
export function teacherSide(net: Network, params: TensorMap, state: TensorMap, hints: HintId[], needsConf: boolean, env: TermEnv, x: tf.Tensor4D, y: tf.Tensor2D): TeacherSide {
  const b = x.shape[0];
  // CE-only needs no teacher: skip its forward pass.
  if (!hints.length && !needsConf) return { conf: tf.zeros([b]) as tf.Tensor1D, targets: [] };
  const out = net.forward(params, state, x, 'eval');
  const conf = tf.sum(tf.mul(tf.softmax(out.logits), y), 1) as tf.Tensor1D;
  return { conf, targets: hints.map((h) => HINT_TERMS[h].target(out, env)) };
}

/** The student's pass at weights `w`: CE and each hint's per-instance loss, and the loss matrix [B, 1+K]. */
export function studentPass(net: Network, w: TensorMap, state: TensorMap, hints: HintId[], teacher: TeacherSide, env: TermEnv, x: tf.Tensor4D, y: tf.Tensor2D, mode: ForwardMode): Pass {
  const out = net.forward(w, state, x, mode, { impl: env.impl });
  const terms: Record<string, tf.Tensor1D> = { ce: ceLoss(out.logits, y) };
  const bnUpdates = [...out.bnUpdates];
  hints.forEach((h, i) => {
    const r = HINT_TERMS[h].loss(out, teacher.targets[i], { ...env, mode });
    terms[h] = r.loss;
    if (r.bnUpdates) bnUpdates.push(...r.bnUpdates);
  });
  const losses = tf.stack([terms.ce, ...hints.map((h) => terms[h])], 1) as tf.Tensor2D;
  return { losses, correct: correctness(out.logits, y), logits: out.logits, bnUpdates, terms };
}
