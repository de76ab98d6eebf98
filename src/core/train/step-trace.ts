// The stages of one real training step, read back from the worker for a step-by-step view of the
// HKD update (HKD.md §4). Made by the trainer's own step with `trace: true`: the numbers are the
// step's, not a second implementation.
import type { HintId } from './config';

export interface TracedBatch {
  /** Indices into the training split (thumbnails, per-instance memories). */
  indices: Int32Array;
  labels: Int32Array;
}

export interface MetaStageTrace {
  batch: TracedBatch;
  /** α of the virtual step (the scheduled learning rate). */
  alpha: number;
  betas: number[];
  /** Stage 1: v [B×K] on the batch, before Θ moves. */
  vBefore: Float32Array;
  /** Stage 2: ‖ŵ − w‖ of the virtual step ŵ = w − α∇L_train(w; v). */
  virtualStepNorm: number;
  /** Stage 3: the meta loss on the meta batch before and after the virtual step, and ‖d‖. */
  metaLossAtW: number;
  metaLoss: number;
  dNorm: number;
  /** Stage 4: G [B×K], each instance's hint-loss derivative along d (G > 0: the hint agrees). */
  G: Float32Array;
  /** Stage 5: the update of Θ. */
  metaGradNorm: number;
  thetaStepNorm: number;
}

export interface StepTrace {
  /** Steps done before this one. */
  step: number;
  hints: HintId[];
  batch: TracedBatch;
  /** Per-instance losses at w, [B×(1+K)], CE first. */
  losses: Float32Array;
  /** Stages 1–5; null on steps without a meta update (fixed weights, or between meta steps). */
  meta: MetaStageTrace | null;
  /** Stage 6: v [B×K] after the meta update, and the ensembled ṽ the actual step uses. */
  v: Float32Array;
  vt: Float32Array;
  /** Stage 7: the actual step. */
  actual: { lr: number; total: number; terms: Record<string, number>; gradNorm: number };
}
