// Trains a teacher with plain cross-entropy: for the committed pretrained teachers (scripts/) and
// for teachers of imported datasets in the lab. It follows the students' protocol (HKD.md §7): the
// validation split is held out of its training data, the learning rate decays (cosine), and it is
// evaluated the way students are (fresh batch-norm statistics on the same training images).
import * as tf from '@tensorflow/tfjs';
import { Batcher } from '../data/batcher';
import type { Dataset, Split } from '../data/dataset';
import { splitValidation } from '../data/validation';
import { ceLoss, correctness } from '../hints/losses';
import { createVariables } from '../nn/init';
import { applyBnUpdates } from '../nn/layers';
import type { BnUpdate, Network, TensorMap } from '../nn/network';
import { lrFactor } from '../optim/schedule';
import { MomentumSgd } from '../optim/sgd';
import { Rng } from '../random';
import { bnStatsIndices, preciseBnState } from './bn-stats';
import { DEFAULT_COLD } from './config';
import { DivergedError } from './errors';
import { evaluateNetwork, type Evaluation } from './evaluate';

export interface TeacherTrainingOptions {
  network: Network;
  dataset: Dataset;
  seed: number;
  totalSteps: number;
  batchSize?: number;
  lr?: number;
  momentum?: number;
  weightDecay?: number;
  /** As the students' cold settings (the same split and the same statistics images). */
  valSize?: number;
  bnStatsSize?: number;
}

export interface TeacherStepReport {
  /** Steps done after this one. */
  step: number;
  loss: number;
  acc: number;
  lr: number;
}

export class TeacherTrainer {
  private readonly vars: { params: Record<string, tf.Variable>; state: Record<string, tf.Variable> };
  private readonly sgd: MomentumSgd;
  private readonly batcher: Batcher;
  private readonly train: Split;
  private readonly bnIndices: Int32Array;
  private stepCount = 0;

  constructor(readonly opts: TeacherTrainingOptions) {
    this.vars = createVariables(opts.network.spec, Rng.stream(opts.seed, 'teacher-init'));
    this.sgd = new MomentumSgd(this.vars.params);
    this.train = splitValidation(opts.dataset, opts.valSize ?? DEFAULT_COLD.valSize).train;
    this.batcher = new Batcher(this.train, opts.dataset, Rng.stream(opts.seed, 'teacher-data'), { crop: true, flip: true });
    this.bnIndices = bnStatsIndices(this.train, opts.dataset.classNames.length, opts.bnStatsSize ?? DEFAULT_COLD.bnStatsSize);
  }

  get stepsDone() {
    return this.stepCount;
  }

  /** Learning rate at the current step: cosine decay from lr to 0 over totalSteps. */
  get lr(): number {
    return (this.opts.lr ?? 0.1) * lrFactor('cosine', this.stepCount, this.opts.totalSteps);
  }

  /** One step; resolves with the batch's mean loss and accuracy. */
  async step(): Promise<TeacherStepReport> {
    const { network, dataset } = this.opts;
    const b = this.batcher.next(this.opts.batchSize ?? 64);
    const names = Object.keys(this.vars.params);
    const lr = this.lr;
    const out = tf.tidy(() => {
      const x = tf.tensor4d(b.x, b.shape);
      const y = tf.oneHot(tf.tensor1d(b.labels, 'int32'), dataset.classNames.length).toFloat() as tf.Tensor2D;
      let acc!: tf.Tensor;
      let bn: BnUpdate[] = [];
      const { value, grads } = tf.valueAndGrads((...ws: tf.Tensor[]) => {
        const m: TensorMap = {};
        names.forEach((n, i) => (m[n] = ws[i]));
        const f = network.forward(m, this.vars.state, x, 'train');
        acc = tf.keep(tf.mean(correctness(f.logits, y)));
        bn = f.bnUpdates.map((u) => ({ ...u, batchMean: tf.keep(u.batchMean), batchVar: tf.keep(u.batchVar) }));
        return tf.mean(ceLoss(f.logits, y)) as tf.Scalar;
      })(names.map((n) => this.vars.params[n]));
      const g: TensorMap = {};
      names.forEach((n, i) => (g[n] = grads[i]));
      this.sgd.apply(this.vars.params, g, lr, this.opts.momentum ?? 0.9, this.opts.weightDecay ?? 5e-4);
      // Batch norm statistics follow the real steps only.
      applyBnUpdates(this.vars.state, bn);
      const packed = tf.stack([value, acc]);
      tf.dispose([acc, ...bn.flatMap((u) => [u.batchMean, u.batchVar])]);
      return packed;
    });
    const [loss, acc] = (await out.data()) as Float32Array;
    out.dispose();
    if (!Number.isFinite(loss)) throw new DivergedError(this.stepCount, lr, 'the teacher loss');
    this.stepCount++;
    return { step: this.stepCount, loss, acc, lr };
  }

  /** Recomputes the batch-norm statistics on the fixed training images, as for students. */
  refreshBnStatistics(): void {
    if (!this.bnIndices.length) return;
    const fresh = preciseBnState(this.opts.network, this.vars.params, this.vars.state, this.bnIndices, (i) => this.batcher.normalise(this.train.images, i));
    for (const [k, v] of Object.entries(this.vars.state)) v.assign(fresh[k]);
    tf.dispose(Object.values(fresh));
  }

  /** Test accuracy (of the first `limit` test images; 0: all), with fresh statistics. */
  evaluate(limit = 0): Promise<Evaluation> {
    this.refreshBnStatistics();
    const test = this.opts.dataset.test;
    return evaluateNetwork(this.opts.network, this.vars.params, this.vars.state, test, (i) => this.batcher.normalise(test.images, i), limit);
  }

  variables() {
    return this.vars;
  }

  dispose() {
    for (const v of [...Object.values(this.vars.params), ...Object.values(this.vars.state)]) v.dispose();
    this.sgd.dispose();
  }
}
