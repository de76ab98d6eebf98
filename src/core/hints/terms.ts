// Hints as named loss terms, as mdistiller's distillers return {loss_ce, loss_kd, …}: each hint is
// one entry of this table (its teacher side, once per batch, and its per-instance loss), so a new
// hint is a new entry, not a new branch in the trainer.
import type * as tf from '@tensorflow/tfjs';
import type { BnUpdate, ConvImpl, ForwardMode, ForwardOut, TensorMap } from '../nn/network';
import type { Preset } from '../nn/presets';
import { fitnetRegressor, type RegressorSpec } from '../nn/regressor';
import type { HintId } from '../train/config';
import { atLossToMaps, attentionMap, fitnetLoss, kdLossToTarget, kdTarget } from './losses';

/** What a term may read besides the two networks' passes. */
export interface TermEnv {
  preset: Preset;
  temperature: number;
  mode: ForwardMode;
  /** The convolution path (default: the backend's); 'im2col' for nested tf.grads in checks. */
  impl?: ConvImpl;
  /** The FitNet regressor r_φ (its parameters are trained beside the student's, not in ŵ). */
  regressor: { spec: RegressorSpec; params: TensorMap; state: TensorMap } | null;
}

export interface HintTerm {
  /** The teacher's side of the hint, from its (eval-mode) pass: computed once per batch. */
  target(teacher: ForwardOut, env: TermEnv): tf.Tensor[];
  /** Per-instance loss [B] of a student pass against the target, and any BN statistics it made. */
  loss(student: ForwardOut, target: tf.Tensor[], env: TermEnv): { loss: tf.Tensor1D; bnUpdates?: BnUpdate[] };
}

export const HINT_TERMS: Record<HintId, HintTerm> = {
  // KD on the logits: T² · KL(softmax(z_t/T) ‖ softmax(z_s/T)).
  kd: {
    target: (t, env) => [kdTarget(t.logits, env.temperature)],
    loss: (s, [logQ], env) => ({ loss: kdLossToTarget(s.logits, logQ as tf.Tensor2D, env.temperature) }),
  },
  // FitNet: the regressed student feature map against the teacher's, at the preset's pair.
  fitnet: {
    target: (t, env) => [t.features[env.preset.fitnetPair.teacher]],
    loss: (s, [ft], env) => {
      const reg = env.regressor;
      if (!reg) throw new Error('the FitNet hint needs its regressor');
      const r = fitnetRegressor(reg.spec, reg.params, reg.state, s.features[env.preset.fitnetPair.student], env.mode, env.impl);
      return { loss: fitnetLoss(r.out, ft as tf.Tensor4D), bnUpdates: r.bnUpdates };
    },
  },
  // Attention transfer over every hint pair, shallow to deep.
  at: {
    target: (t, env) => env.preset.hintPairs.map((p) => attentionMap(t.features[p.teacher])),
    loss: (s, maps, env) => ({
      loss: atLossToMaps(env.preset.hintPairs.map((p, i) => ({ student: s.features[p.student], teacherMap: maps[i] as tf.Tensor2D }))),
    }),
  },
};
