// Trains a teacher with plain cross-entropy: for the committed pretrained teachers (scripts/)
// and, later, for teachers of imported datasets in the lab. A cosine learning-rate schedule gives
// a good final accuracy in few epochs.
import * as tf from '@tensorflow/tfjs';
import { Batcher } from '../data/batcher';
import type { Dataset } from '../data/dataset';
import { ceLoss, correctness } from '../hints/losses';
import { createVariables } from '../nn/init';
import type { Network, TensorMap } from '../nn/network';
import { MomentumSgd } from '../optim/sgd';
import { Rng } from '../random';
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
}

export class TeacherTrainer {
  private readonly vars: { params: Record<string, tf.Variable>; state: Record<string, tf.Variable> };
  private readonly sgd: MomentumSgd;
  private readonly batcher: Batcher;
  private stepCount = 0;

  constructor(readonly opts: TeacherTrainingOptions) {
    this.vars = createVariables(opts.network.spec, Rng.stream(opts.seed, 'teacher-init'));
    this.sgd = new MomentumSgd(this.vars.params);
    this.batcher = new Batcher(opts.dataset.train, opts.dataset, Rng.stream(opts.seed, 'teacher-data'), { crop: true, flip: true });
  }

  get stepsDone() {
    return this.stepCount;
  }

  /** Learning rate at the current step: cosine decay from lr to 0 over totalSteps. */
  get lr(): number {
    const base = this.opts.lr ?? 0.1;
    return 0.5 * base * (1 + Math.cos((Math.PI * Math.min(this.stepCount, this.opts.totalSteps)) / this.opts.totalSteps));
  }

  /** One step; resolves with the batch's mean loss and accuracy. */
  async step(): Promise<{ step: number; loss: number; acc: number; lr: number }> {
    const { network, dataset } = this.opts;
    const b = this.batcher.next(this.opts.batchSize ?? 64);
    const names = Object.keys(this.vars.params);
    const lr = this.lr;
    const out = tf.tidy(() => {
      const x = tf.tensor4d(b.x, b.shape);
      const y = tf.oneHot(tf.tensor1d(b.labels, 'int32'), dataset.classNames.length).toFloat() as tf.Tensor2D;
      let acc!: tf.Tensor;
      const { value, grads } = tf.valueAndGrads((...ws: tf.Tensor[]) => {
        const m: TensorMap = {};
        names.forEach((n, i) => (m[n] = ws[i]));
        const f = network.forward(m, this.vars.state, x, 'train');
        acc = tf.keep(tf.mean(correctness(f.logits, y)));
        // Batch norm statistics follow the real steps only.
        for (const u of f.bnUpdates) {
          this.vars.state[u.name].assign(u.mean);
          this.vars.state[u.varName].assign(u.variance);
        }
        return tf.mean(ceLoss(f.logits, y)) as tf.Scalar;
      })(names.map((n) => this.vars.params[n]));
      const g: TensorMap = {};
      names.forEach((n, i) => (g[n] = grads[i]));
      this.sgd.apply(this.vars.params, g, lr, this.opts.momentum ?? 0.9, this.opts.weightDecay ?? 5e-4);
      const packed = tf.stack([value, acc]);
      acc.dispose();
      return packed;
    });
    const [loss, acc] = (await out.data()) as Float32Array;
    out.dispose();
    if (!Number.isFinite(loss)) throw new DivergedError(this.stepCount, lr, 'the teacher loss');
    this.stepCount++;
    return { step: this.stepCount, loss, acc, lr };
  }

  evaluate(limit = 0): Promise<Evaluation> {
    return evaluateNetwork(this.opts.network, this.vars.params, this.vars.state, this.opts.dataset.test, (i) => this.batcher.normalise(this.opts.dataset.test.images, i), limit);
  }

  variables() {
    return this.vars;
  }

  dispose() {
    for (const v of [...Object.values(this.vars.params), ...Object.values(this.vars.state)]) v.dispose();
    this.sgd.dispose();
  }
}
