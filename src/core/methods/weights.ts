// Where per-instance hint weights come from: fixed at 1, or the meta-weight network (HKD).
// The trainer asks every method the same questions; only the answers differ.
import * as tf from '@tensorflow/tfjs';
import { addAll } from '../tensor/add-all';
import type { TensorMap } from '../nn/network';
import { lookAhead, surrogateGrads, type BilevelProblem, type Coefficients, type TrainOut } from '../meta/look-ahead';
import { initMetaParams, metaFeatures, metaForward, metaInputSize, normaliseWeights, type MetaParams } from '../meta/meta-net';
import { InstanceEnsemble, ParamEma } from '../meta/ensemble';
import { Adam } from '../optim/adam';
import type { Rng } from '../random';
import type { EnsembleKind, MetaInput, WeightNorm } from '../train/config';
import { detach } from '../tensor/detach';

/** What the weights may depend on, all detached from the student's graph. */
export interface WeightInputs {
  atW: TrainOut;
  /** [B] teacher's probability of the true class. */
  teacherConf: tf.Tensor1D;
  progress: number;
  /** [B] int32 dataset indices. */
  indices: tf.Tensor1D;
}

export interface Weighed {
  /** Weights v [B, K] (V_Θ's output after the batch normalisation, HKD.md §3). */
  v: tf.Tensor2D;
  /** V_Θ's output before the normalisation [B, K], in (0, 2): shows whether it saturates. */
  raw: tf.Tensor2D;
  /** Weights the actual step uses, ṽ [B, K]. */
  vt: tf.Tensor2D;
}

/** The stages of one meta step as tensors (HKD.md §4), for a step-by-step view of the update. */
export interface MetaTrace {
  /** v [B, K] on the batch before the update of Θ. */
  vBefore: tf.Tensor2D;
  /** G [B, K]. */
  G: tf.Tensor2D;
  dNorm: tf.Scalar;
  /** ‖ŵ − w‖. */
  stepNorm: tf.Scalar;
  /** L_meta(w), before the virtual step. */
  metaLossAtW: tf.Scalar;
  /** ‖∇_Θ L_meta‖ and ‖ΔΘ‖ of the update. */
  metaGradNorm: tf.Scalar;
  thetaStepNorm: tf.Scalar;
}

export interface MetaStepOut {
  metaLoss: tf.Scalar;
  /** Σ of the meta-gradient: non-finite if any part is. */
  gradSum: tf.Scalar;
  trace?: MetaTrace;
}

export interface HintWeights {
  readonly numHints: number;
  /**
   * One meta update of the weight source, before the actual step (null for fixed weights).
   * With `trace`, also the stages of the update.
   */
  metaStep(problem: BilevelProblem, w: TensorMap, c: Coefficients, inputs: Omit<WeightInputs, 'atW'>, metaLr: number, trace?: boolean): MetaStepOut | null;
  /** v and ṽ for the actual step. Pure: history changes only in commit(). */
  weigh(inputs: WeightInputs, mu: number): Weighed;
  /** Records step `step`'s weights v in the history (ensembling). */
  commit(indices: tf.Tensor1D, v: tf.Tensor2D, mu: number, step: number): void;
  /** Saves the meta state a meta step changes, so a refused step can restore it. */
  save(): { restore(): void; dispose(): void } | null;
  /**
   * v now (normalised over the given instances), the stored ṽ, and the step ṽ was last updated at
   * ([B]; −1 for never, or when ṽ is not a per-instance memory): for probes, no history update.
   */
  peek(inputs: WeightInputs, step: number): { v: tf.Tensor2D; vt: tf.Tensor2D; vtStep: tf.Tensor1D };
  /** Everything to checkpoint, by name. */
  variables(): Record<string, tf.Variable>;
  /** Scalars to checkpoint beside the variables. */
  counters: Record<string, number>;
  dispose(): void;
}

export class FixedWeights implements HintWeights {
  counters = {};
  constructor(readonly numHints: number) {}
  metaStep() {
    return null;
  }
  weigh(inputs: WeightInputs): Weighed {
    const v = tf.ones([inputs.atW.losses.shape[0], this.numHints]) as tf.Tensor2D;
    return { v, raw: v, vt: v };
  }
  commit() {}
  save() {
    return null;
  }
  peek(inputs: WeightInputs, step: number) {
    const n = inputs.atW.losses.shape[0];
    const v = tf.ones([n, this.numHints]) as tf.Tensor2D;
    return { v, vt: v, vtStep: tf.fill([n], step) as tf.Tensor1D };
  }
  variables() {
    return {};
  }
  dispose() {}
}

export const META_WEIGHT_DECAY = 1e-4;

export class MetaWeights implements HintWeights {
  readonly theta: Record<keyof MetaParams, tf.Variable>;
  readonly adam: Adam;
  private readonly instance?: InstanceEnsemble;
  private readonly paramEma?: ParamEma;

  constructor(
    readonly numHints: number,
    private readonly inputs: MetaInput[],
    /** null: HKD without ensembling. */
    ensemble: EnsembleKind | null,
    datasetSize: number,
    rng: Rng,
    private readonly norm: WeightNorm = 'joint',
  ) {
    this.theta = initMetaParams(metaInputSize(inputs, numHints), numHints, rng);
    this.adam = new Adam(this.theta);
    if (ensemble === 'instance') this.instance = new InstanceEnsemble(datasetSize, numHints);
    if (ensemble === 'param') this.paramEma = new ParamEma(this.theta);
  }

  get counters() {
    return { adamT: this.adam.t };
  }
  set counters(c: Record<string, number>) {
    this.adam.t = c.adamT ?? 0;
  }

  private features(inputs: WeightInputs) {
    return metaFeatures(this.inputs, {
      losses: inputs.atW.losses,
      progress: inputs.progress,
      teacherConf: inputs.teacherConf,
      studentCorrect: inputs.atW.correct,
    });
  }

  private raw(theta: TensorMap, inputs: WeightInputs) {
    return metaForward(theta as unknown as MetaParams, this.features(inputs));
  }

  /** V_Θ's weights: the normalised output, everywhere (virtual step, surrogate, ensembling). */
  v(theta: TensorMap, inputs: WeightInputs) {
    return normaliseWeights(this.raw(theta, inputs), this.norm);
  }

  metaStep(problem: BilevelProblem, w: TensorMap, c: Coefficients, inputs: Omit<WeightInputs, 'atW'>, metaLr: number, trace = false): MetaStepOut {
    return tf.tidy(() => {
      const la = lookAhead(problem, w, (atW) => this.v(this.theta, { ...inputs, atW }), c, trace);
      const grads = surrogateGrads(this.theta, (th) => this.v(th, { ...inputs, atW: la.atW }), la.G, c);
      // Checked by the caller after its one readback (bool ops such as isFinite misbehave on
      // webgpu in tfjs 4.22); a non-finite update is undone through save().
      const gradSum = addAll(Object.values(grads).map((g) => tf.sum(g))) as tf.Scalar;
      const before = trace ? Object.values(this.theta).map((t) => tf.clone(t)) : [];
      this.adam.apply(this.theta, grads, metaLr, META_WEIGHT_DECAY);
      this.paramEma?.update(this.theta);
      if (!trace || !la.trace) return { metaLoss: la.metaLoss, gradSum };
      const norm = (ts: tf.Tensor[]) => tf.sqrt(addAll(ts.map((t) => tf.sum(tf.square(t))))) as tf.Scalar;
      const thetaStepNorm = norm(Object.values(this.theta).map((t, i) => tf.sub(t, before[i])));
      return {
        metaLoss: la.metaLoss,
        gradSum,
        trace: { vBefore: la.v, G: la.G, dNorm: la.dNorm, stepNorm: la.trace.stepNorm, metaLossAtW: la.trace.metaLossAtW, metaGradNorm: norm(Object.values(grads)), thetaStepNorm },
      };
    });
  }

  weigh(inputs: WeightInputs, mu: number): Weighed {
    const raw = detach(this.raw(this.theta, inputs)) as tf.Tensor2D;
    const v = normaliseWeights(raw, this.norm);
    if (this.paramEma) return { v, raw, vt: detach(this.v(this.paramEma.params, inputs)) as tf.Tensor2D };
    if (!this.instance) return { v, raw, vt: v };
    return { v, raw, vt: this.instance.ensembled(v, inputs.indices, mu).vt };
  }

  commit(indices: tf.Tensor1D, v: tf.Tensor2D, mu: number, step: number) {
    if (!this.instance) return;
    const ens = this.instance;
    tf.tidy(() => {
      const { m, d } = ens.ensembled(v, indices, mu);
      ens.commit(indices, m, d, step);
    });
  }

  save() {
    // Θ, Adam's moments and Θ_ema are small (a few thousand numbers), so a copy is cheap.
    const vars = Object.entries(this.variables()).filter(([k]) => k.startsWith('meta.'));
    const copies = vars.map(([, v]) => tf.clone(v));
    const t = this.adam.t;
    return {
      restore: () => {
        vars.forEach(([, v], i) => v.assign(copies[i]));
        this.adam.t = t;
        tf.dispose(copies);
      },
      dispose: () => tf.dispose(copies),
    };
  }

  peek(inputs: WeightInputs, step: number) {
    const v = this.v(this.theta, inputs);
    const now = () => tf.fill([v.shape[0]], step) as tf.Tensor1D;
    if (this.paramEma) return { v, vt: this.v(this.paramEma.params, inputs), vtStep: now() };
    if (!this.instance) return { v, vt: v, vtStep: now() };
    return { v, vt: this.instance.peek(v, inputs.indices), vtStep: this.instance.updatedAt(inputs.indices) };
  }

  variables(): Record<string, tf.Variable> {
    const out: Record<string, tf.Variable> = {};
    for (const [k, v] of Object.entries(this.theta)) out[`meta.${k}`] = v;
    for (const [k, v] of Object.entries(this.adam.m)) out[`meta.adam.m.${k}`] = v;
    for (const [k, v] of Object.entries(this.adam.v)) out[`meta.adam.v.${k}`] = v;
    if (this.paramEma) for (const [k, v] of Object.entries(this.paramEma.params)) out[`meta.ema.${k}`] = v;
    if (this.instance) {
      out['ensemble.memory'] = this.instance.memory;
      out['ensemble.debias'] = this.instance.debias;
      out['ensemble.visits'] = this.instance.visits;
      out['ensemble.lastStep'] = this.instance.lastStep;
    }
    return out;
  }

  dispose() {
    for (const v of Object.values(this.variables())) v.dispose();
  }
}
