// The one-step look-ahead meta-gradient of HKD.md §4, with first-order gradients only.
//
//   ∇_Θ L_meta(ŵ) = −(α/n) Σ_i Σ_k β_k · G_ik · ∂v_ik/∂Θ,   G_ik = ⟨∇_w L_ik(w), d⟩,  d = ∇_ŵ L_meta(ŵ)
//
// G comes from two forward passes at w ± ε·d, so no op ever needs a second-order gradient.
import * as tf from '@tensorflow/tfjs';
import { addAll } from '../tensor/add-all';
import type { TensorMap } from '../nn/network';
import { detach, unkeep } from '../tensor/detach';

/** A student pass on the training batch: per-instance losses [B, 1+K] (CE, then each hint). */
export interface TrainOut {
  losses: tf.Tensor2D;
  /** [B] 1 where the student is right, else 0 (a possible meta-network input). */
  correct: tf.Tensor1D;
}

export interface BilevelProblem {
  trainLosses(w: TensorMap): TrainOut;
  /** Mean CE on the meta batch at weights w. */
  metaLoss(w: TensorMap): tf.Scalar;
}

export interface Coefficients {
  /** Student learning rate α of the virtual SGD step. */
  alpha: number;
  /** CE weight γ. */
  gamma: number;
  /** β_k per hint, length K. */
  betas: number[];
}

/** L_train = (1/n) Σ_i [γ·CE_i + Σ_k β_k·v_ik·L_ik] from a loss matrix and weights v [B, K]. */
export function weightedLoss(losses: tf.Tensor2D, v: tf.Tensor2D | null, c: Pick<Coefficients, 'gamma' | 'betas'>): tf.Scalar {
  const k = c.betas.length;
  const ce = tf.mul(tf.mean(tf.slice(losses, [0, 0], [-1, 1])), c.gamma);
  if (k === 0) return ce as tf.Scalar;
  let hints = tf.mul(tf.slice(losses, [0, 1], [-1, k]), tf.tensor1d(c.betas));
  if (v) hints = tf.mul(hints, v);
  return tf.add(ce, tf.div(tf.sum(hints), losses.shape[0])) as tf.Scalar;
}

/**
 * Length of the finite-difference step along d, in weight space. Measured on the trainer's own
 * problem (train/meta-gradient.test.ts, both presets, three states each): against nested tf.grads
 * the relative error was 0.01–2.1 % at 0.01 (float32 roundoff of L(w ± εd), amplified when the
 * joint normalisation cancels the hints' common part), 0.04–0.85 % at 0.03, and rose again from
 * 0.05 (ReLU and max-pool kinks crossed by the step). With the multi-hint scales chosen later
 * (β fitnet 1, at 100) 0.03 reached 1.2 % (cnn) and 0.04 1.3 % (resnet), while 0.02 stayed at
 * 0.24–0.76 % on both presets: 0.02 is the step for those defaults.
 */
export const FD_STEP = 0.02;

function names(w: TensorMap) {
  return Object.keys(w);
}

function mapOf(keys: string[], xs: tf.Tensor[]): TensorMap {
  const m: TensorMap = {};
  keys.forEach((k, i) => (m[k] = xs[i]));
  return m;
}

export interface LookAheadResult {
  /** G [B, K]: directional derivative of each instance's hint loss along d. */
  G: tf.Tensor2D;
  /** L_meta(ŵ). */
  metaLoss: tf.Scalar;
  /** The pass at w from the virtual step (detached), for the meta-network's inputs u. */
  atW: TrainOut;
  /** The weights v [B, K] the virtual step used. */
  v: tf.Tensor2D;
  /** ‖d‖₂. */
  dNorm: tf.Scalar;
  /** With `trace`: ‖ŵ − w‖₂ and L_meta(w), for a step-by-step view of the update. */
  trace?: { stepNorm: tf.Scalar; metaLossAtW: tf.Scalar };
}

/**
 * Virtual step ŵ = w − α∇_w L_train(w; v), d = ∇_ŵ L_meta(ŵ), then G by central differences.
 * `weightsOf(losses)` gives v [B, K] from the (detached) loss matrix of the same pass; it must
 * not carry gradient to w. Returns tensors the caller owns.
 */
export function lookAhead(
  problem: BilevelProblem,
  w: TensorMap,
  weightsOf: (atW: TrainOut) => tf.Tensor2D,
  c: Coefficients,
  trace = false,
): LookAheadResult {
  // tidy keeps every tensor in the returned (nested) object.
  return tf.tidy(() => {
    const keys = names(w);
    let atW!: TrainOut;
    let v!: tf.Tensor2D;
    const grads = tf.grads((...ws: tf.Tensor[]) => {
      const out = problem.trainLosses(mapOf(keys, ws));
      atW = { losses: tf.keep(detach(out.losses)), correct: tf.keep(detach(out.correct)) };
      v = tf.keep(detach(weightsOf(atW)));
      return weightedLoss(out.losses, v, c);
    })(keys.map((k) => w[k]));
    atW = { losses: unkeep(atW.losses), correct: unkeep(atW.correct) };
    v = unkeep(v);
    const wHat = keys.map((k, i) => tf.sub(w[k], tf.mul(grads[i], c.alpha)));

    const { value: metaLoss, grads: dList } = tf.valueAndGrads((...ws: tf.Tensor[]) => problem.metaLoss(mapOf(keys, ws)))(wHat);
    const norm = tf.sqrt(addAll(dList.map((d) => tf.sum(tf.square(d))))) as tf.Scalar;
    // ε = FD_STEP/‖d‖ keeps the probe step a fixed length in weight space; guard ‖d‖ = 0.
    const eps = tf.div(FD_STEP, tf.maximum(norm, 1e-12));
    const step = dList.map((d) => tf.mul(d, eps));
    const at = (move: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor) => problem.trainLosses(mapOf(keys, keys.map((k, i) => move(w[k], step[i])))).losses;
    const k = c.betas.length;
    const hintPlus = tf.slice(at(tf.add), [0, 1], [-1, k]);
    const hintMinus = tf.slice(at(tf.sub), [0, 1], [-1, k]);
    const G = tf.div(tf.sub(hintPlus, hintMinus), tf.mul(eps, 2)) as tf.Tensor2D;
    const traced = trace
      ? { stepNorm: tf.mul(tf.sqrt(addAll(grads.map((g) => tf.sum(tf.square(g))))), c.alpha) as tf.Scalar, metaLossAtW: problem.metaLoss(w) }
      : undefined;
    return { G, metaLoss: metaLoss as tf.Scalar, atW: atW as unknown as tf.TensorContainerObject, v, dNorm: norm, ...(traced ? { trace: traced } : {}) };
  }) as unknown as LookAheadResult;
}

/**
 * ∇_Θ of the surrogate S(Θ) = −(α/n) Σ_i Σ_k β_k·stopGradient(G_ik)·v_ik(Θ), which equals the
 * meta-gradient. `vOf(theta)` is the meta network's output on the detached inputs u.
 */
export function surrogateGrads(
  theta: TensorMap,
  vOf: (theta: TensorMap) => tf.Tensor2D,
  G: tf.Tensor2D,
  c: Coefficients,
): TensorMap {
  return tf.tidy(() => {
    const keys = names(theta);
    const n = G.shape[0];
    const coef = tf.mul(G, tf.tensor1d(c.betas.map((b) => (-c.alpha * b) / n)));
    const gs = tf.grads((...ps: tf.Tensor[]) => tf.sum(tf.mul(coef, vOf(mapOf(keys, ps)))) as tf.Scalar)(keys.map((k) => theta[k]));
    return mapOf(keys, gs);
  });
}

/** The pass at w with no gradient path: the meta-network's inputs u. */
function detachedPass(problem: BilevelProblem, w: TensorMap): TrainOut {
  const out = problem.trainLosses(w);
  return { losses: detach(out.losses), correct: detach(out.correct) };
}

/** ŵ = w − α∇_w L_train(w; v). Differentiable in v when the caller differentiates through it. */
function virtualWeights(problem: BilevelProblem, w: TensorMap, v: tf.Tensor2D, c: Coefficients): TensorMap {
  const keys = names(w);
  const g = tf.grads((...ws: tf.Tensor[]) => weightedLoss(problem.trainLosses(mapOf(keys, ws)).losses, v, c))(keys.map((k) => w[k]));
  return mapOf(keys, keys.map((k, i) => tf.sub(w[k], tf.mul(g[i], c.alpha))));
}

/**
 * The exact meta-gradient by nested tf.grads through the virtual step. Only for networks whose
 * ops have differentiable gradients (dense, im2col conv, reshape+max pool); used to check the
 * first-order version.
 */
export function exactMetaGradient(
  problem: BilevelProblem,
  w: TensorMap,
  theta: TensorMap,
  vOf: (theta: TensorMap, atW: TrainOut) => tf.Tensor2D,
  c: Coefficients,
): TensorMap {
  return tf.tidy(() => {
    const tKeys = names(theta);
    const u = detachedPass(problem, w);
    const gs = tf.grads((...ps: tf.Tensor[]) => problem.metaLoss(virtualWeights(problem, w, vOf(mapOf(tKeys, ps), u), c)))(tKeys.map((k) => theta[k]));
    return mapOf(tKeys, gs);
  });
}

/** L_meta(w − α∇_w L_train(w; V_Θ(u))) as a plain function of Θ, for central differences. */
export function bilevelObjective(
  problem: BilevelProblem,
  w: TensorMap,
  theta: TensorMap,
  vOf: (theta: TensorMap, atW: TrainOut) => tf.Tensor2D,
  c: Coefficients,
): tf.Scalar {
  return tf.tidy(() => {
    const v = detach(vOf(theta, detachedPass(problem, w))) as tf.Tensor2D;
    return problem.metaLoss(virtualWeights(problem, w, v, c));
  });
}
