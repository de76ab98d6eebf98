// Where per-instance hint weights come from: fixed at 1, or the meta-weight network (HKD).
// The trainer asks every method the same questions; only the answers differ.
import * as tf from '@tensorflow/tfjs';
import { addAll } from '../tensor/add-all';
import type { TensorMap } from '../nn/network';
import { lookAhead, surrogateGrads, type BilevelProblem, type Coefficients, type TrainOut } from '../meta/look-ahead';
import { initMetaParams, metaFeatures, metaForward, metaInputSize, type MetaParams } from '../meta/meta-net';
import { InstanceEnsemble, ParamEma } from '../meta/ensemble';
import { Adam } from '../optim/adam';
import type { Rng } from '../random';
import type { EnsembleKind, MetaInput } from '../train/config';
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
  /** Raw weights v [B, K]. */
  v: tf.Tensor2D;
  /** Weights the actual step uses, ṽ [B, K]. */
  vt: tf.Tensor2D;
}

export interface HintWeights {
  readonly numHints: number;
  /**
   * One meta update of the weight source, before the actual step. Returns L_meta(ŵ) and the sum
   * of the meta-gradient (non-finite if any part is), or null for fixed weights.
   */
  metaStep(problem: BilevelProblem, w: TensorMap, c: Coefficients, inputs: Omit<WeightInputs, 'atW'>, metaLr: number): { metaLoss: tf.Scalar; gradSum: tf.Scalar } | null;
  /** v and ṽ for the actual step. Pure: history changes only in commit(). */
  weigh(inputs: WeightInputs, mu: number): Weighed;
  /** Records a step's raw weights v in the history (ensembling). */
  commit(indices: tf.Tensor1D, v: tf.Tensor2D, mu: number): void;
  /** Saves the meta state a meta step changes, so a refused step can restore it. */
  save(): { restore(): void; dispose(): void } | null;
  /** v and the stored ṽ, for probes (no history update). */
  peek(inputs: WeightInputs): { v: tf.Tensor2D; vt: tf.Tensor2D };
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
    return { v, vt: v };
  }
  commit() {}
  save() {
    return null;
  }
  peek(inputs: WeightInputs) {
    const v = tf.ones([inputs.atW.losses.shape[0], this.numHints]) as tf.Tensor2D;
    return { v, vt: v };
  }
  variables() {
    return {};
  }
  dispose() {}
}

export const META_WEIGHT_DECAY = 1e-4;

export class MetaWeights implements HintWeights {
  readonly theta: Record<keyof MetaParams, tf.Variable>;
  private readonly adam: Adam;
  private readonly instance?: InstanceEnsemble;
  private readonly paramEma?: ParamEma;

  constructor(
    readonly numHints: number,
    private readonly inputs: MetaInput[],
    /** null: HKD without ensembling. */
    ensemble: EnsembleKind | null,
    datasetSize: number,
    rng: Rng,
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

  private v(theta: TensorMap, inputs: WeightInputs) {
    return metaForward(theta as unknown as MetaParams, this.features(inputs));
  }

  metaStep(problem: BilevelProblem, w: TensorMap, c: Coefficients, inputs: Omit<WeightInputs, 'atW'>, metaLr: number) {
    return tf.tidy(() => {
      const la = lookAhead(problem, w, (atW) => this.v(this.theta, { ...inputs, atW }), c);
      const grads = surrogateGrads(this.theta, (th) => this.v(th, { ...inputs, atW: la.atW }), la.G, c);
      // Checked by the caller after its one readback (bool ops such as isFinite misbehave on
      // webgpu in tfjs 4.22); a non-finite update is undone through save().
      const gradSum = addAll(Object.values(grads).map((g) => tf.sum(g))) as tf.Scalar;
      this.adam.apply(this.theta, grads, metaLr, META_WEIGHT_DECAY);
      this.paramEma?.update(this.theta);
      return { metaLoss: la.metaLoss, gradSum };
    });
  }

  weigh(inputs: WeightInputs, mu: number): Weighed {
    const v = detach(this.v(this.theta, inputs)) as tf.Tensor2D;
    if (this.paramEma) return { v, vt: detach(this.v(this.paramEma.params, inputs)) as tf.Tensor2D };
    if (!this.instance) return { v, vt: v };
    return { v, vt: this.instance.ensembled(v, inputs.indices, mu).vt };
  }

  commit(indices: tf.Tensor1D, v: tf.Tensor2D, mu: number) {
    if (!this.instance) return;
    const ens = this.instance;
    tf.tidy(() => {
      const { m, d } = ens.ensembled(v, indices, mu);
      ens.commit(indices, m, d);
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

  peek(inputs: WeightInputs) {
    const v = this.v(this.theta, inputs);
    if (this.paramEma) return { v, vt: this.v(this.paramEma.params, inputs) };
    return { v, vt: this.instance ? this.instance.peek(v, inputs.indices) : v };
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
    }
    return out;
  }

  dispose() {
    for (const v of Object.values(this.variables())) v.dispose();
  }
}
