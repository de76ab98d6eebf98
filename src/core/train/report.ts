// What the trainer reports. Plain data and typed arrays, so it crosses to the page as is.
import type { HintId } from './config';

export interface StepReport {
  step: number;
  epoch: number;
  /** Mean of each loss term over the batch: ce, each active hint, and the total. */
  losses: { ce: number; total: number } & Partial<Record<HintId, number>>;
  /** Meta loss (CE of the virtual student on the meta batch), on meta steps only. */
  metaLoss?: number;
  trainAcc: number;
  /** Active hints, in the order of the per-hint arrays below. */
  hints: HintId[];
  /** Mean raw weight v per hint. */
  meanV: number[];
  /** Mean ensembled weight ṽ per hint (what the actual step used). */
  meanVt: number[];
  /** Mean of V_Θ's output before the batch normalisation, per hint, in (0, WEIGHT_MAX). */
  meanVRaw: number[];
  /** Per hint, a histogram of ṽ over HIST_BINS equal bins on [0, HIST_MAX]. Length hints·HIST_BINS. */
  hist: Float32Array;
  /** The learning rate this step used: the base value (hot.lr) times the schedule's factor. */
  lr: number;
  stepMs: number;
  metaStep: boolean;
}

export const HIST_BINS = 20;
/** The ceiling of V_Θ's raw output, 2·sigmoid. */
export const WEIGHT_MAX = 2;
/** Top of the weight histograms: normalised weights may pass 2 (the last bin holds the rest). */
export const HIST_MAX = 3;

export interface EvalReport {
  step: number;
  testAcc: number;
  testLoss: number;
  /** On the validation split (NaN without one): where settings are chosen. */
  valAcc: number;
  valLoss: number;
  /** Accuracy on each class, in class order. */
  perClassAcc: Float32Array;
  teacherAcc: number;
}

export interface ProbeReport {
  step: number;
  hints: HintId[];
  /** Dataset indices of the probes. */
  indices: Int32Array;
  labels: Int32Array;
  /** Weights v now (V_Θ on the probes, normalised over them), probes × hints, row-major. */
  v: Float32Array;
  /** Ensembled weights ṽ, probes × hints. */
  vt: Float32Array;
  /** Per probe, the step its stored ṽ was last updated at (−1: not yet, it shows v). */
  vtStep: Int32Array;
  /** Per-instance losses, probes × (1 + hints): CE first, then each hint. */
  losses: Float32Array;
  /** Student's predicted class. */
  preds: Int32Array;
}
