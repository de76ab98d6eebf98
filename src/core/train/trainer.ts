// The trainer: one step at a time, so the caller (the run loop, the worker) can pause, change hot
// settings or checkpoint between steps. Every method runs the same step; they differ only in their
// loss terms (hints/terms.ts) and in where the per-instance weights come from (methods/weights.ts).
// A step is prepared (everything computed, one readback), then committed or discarded: a refused
// (non-finite) step changes nothing, and a step-by-step view can show a step before it lands.
import * as tf from '@tensorflow/tfjs';
import type { Batcher } from '../data/batcher';
import type { Dataset, Split } from '../data/dataset';
import { ceLoss } from '../hints/losses';
import type { TermEnv } from '../hints/terms';
import type { Coefficients, TrainOut } from '../meta/look-ahead';
import { MetaWeights, type HintWeights } from '../methods/weights';
import type { MethodSpec } from '../methods/methods';
import { applyBnUpdates } from '../nn/layers';
import type { ConvImpl, ForwardMode, Network, TensorMap } from '../nn/network';
import type { Preset } from '../nn/presets';
import type { RegressorSpec } from '../nn/regressor';
import { lrFactor } from '../optim/schedule';
import { mergeHot } from '../settings';
import type { MomentumSgd } from '../optim/sgd';
import type { HintId, HotSettings, TrainConfig } from './config';
import { preciseBnState } from './bn-stats';
import { probeReport } from './probe-report';
import { buildParts, type TrainerParts, type VarMap } from './trainer-parts';
import { assignVariables, readVariables, type TrainerCheckpoint } from './checkpoint';
import { DivergedError, SettingsError } from './errors';
import { isHealthy, SafePoint } from './safe-point';
import { evaluateNetwork } from './evaluate';
import { studentPass, teacherSide, type TeacherSide } from './passes';
import type { EvalReport, ProbeReport, StepReport } from './report';
import { batchTensors, bilevelProblem, computeStep, type ComputedStep, type ProblemInputs } from './step-compute';
import type { StepTrace } from './step-trace';
import { validateCold, validateHot } from './validate';

export interface Teacher {
  network: Network;
  params: TensorMap;
  state: TensorMap;
}

export interface TrainerOptions {
  config: TrainConfig;
  dataset: Dataset;
  teacher: Teacher;
}

export type { VarMap } from './trainer-parts';
export type { TrainerCheckpoint } from './checkpoint';

/** A computed step that has not changed the student yet. */
export interface PreparedStep {
  readonly report: StepReport;
  /** The stages of the step, when prepare() was asked for them. */
  readonly trace?: StepTrace;
  /** Applies the step: the student's update, its batch-norm statistics, the weight memory. */
  commit(): StepReport;
  /** Drops the step: Θ, the data order and the step count are as before prepare(). */
  discard(): void;
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export class Trainer {
  readonly method!: MethodSpec;
  readonly preset!: Preset;
  readonly student!: Network;
  readonly hints!: HintId[];
  readonly probeIndices!: Int32Array;
  /** Training (after the validation split is held out), validation and test splits. */
  readonly splits!: TrainerParts['splits'];
  /** Where the per-instance weights come from (fixed, or the meta-weight network). */
  readonly weights!: HintWeights;
  teacherAccuracy = NaN;
  private hot: HotSettings;
  private stepCount = 0;
  private readonly batcher!: Batcher;
  private readonly params!: VarMap;
  private readonly state!: VarMap;
  private readonly regSpec!: RegressorSpec | null;
  private readonly regParams!: VarMap;
  private readonly regState!: VarMap;
  private readonly sgd!: MomentumSgd;
  private readonly bnIndices!: Int32Array;
  /** The teacher's batch-norm statistics: recomputed like the student's (owned), or its own. */
  private teacherState: TensorMap;
  private ownsTeacherState = false;
  private pending: PreparedStep | null = null;
  private disposed = false;
  /** The last healthy state, which a divergence rolls back to. */
  private readonly safe: SafePoint;

  private constructor(
    readonly config: TrainConfig,
    readonly dataset: Dataset,
    readonly teacher: Teacher,
  ) {
    const problems = [...validateCold(config.cold), ...validateHot(config.hot)];
    if (problems.length) throw new SettingsError(problems);
    this.hot = structuredClone(config.hot);
    Object.assign(this, buildParts(config, dataset, teacher.network));
    this.teacherState = teacher.state;
    this.safe = new SafePoint(this.namedVariables());
  }

  /** Builds a trainer and measures the teacher on the test split, the way students are measured. */
  static async create(opts: TrainerOptions): Promise<Trainer> {
    const t = new Trainer(opts.config, opts.dataset, opts.teacher);
    if (t.bnIndices.length) {
      t.teacherState = preciseBnState(t.teacher.network, t.teacher.params, t.teacher.state, t.bnIndices, (i) => t.normalise(t.splits.train, i));
      t.ownsTeacherState = true;
    }
    const ev = await evaluateNetwork(t.teacher.network, t.teacher.params, t.teacherState, t.splits.test, (i) => t.normalise(t.splits.test, i), opts.config.cold.evalSize);
    t.teacherAccuracy = ev.accuracy;
    return t;
  }

  /** Steps taken so far. */
  get stepsDone(): number {
    return this.stepCount;
  }

  get epoch(): number {
    return this.batcher.epoch;
  }

  /** The student's input normalisation (the batcher's, from the training split), for exports and predictions. */
  get inputNormalisation(): { scale: number[]; bias: number[] } {
    return this.batcher.normalisation;
  }

  get hotSettings(): HotSettings {
    return structuredClone(this.hot);
  }

  /** The learning rate the next step uses: the base value (hot.lr) times the schedule's factor. */
  get lr(): number {
    const { lrSchedule, totalSteps } = this.config.cold;
    return this.hot.lr * lrFactor(lrSchedule, this.stepCount, totalSteps);
  }

  /** Changes hot settings between steps; optimiser state is kept. Throws SettingsError, changing nothing. */
  setHot(partial: Partial<HotSettings>): HotSettings {
    const problems = validateHot(partial);
    if (problems.length) throw new SettingsError(problems);
    this.hot = mergeHot(this.hot, partial);
    return this.hotSettings;
  }

  /** Un-augmented, normalised images of a split (evaluation, probes, statistics). */
  normalise(split: Split, indices: ArrayLike<number>): Float32Array {
    return this.batcher.normalise(split.images, indices);
  }

  private oneHot(labels: Int32Array): tf.Tensor2D {
    return tf.oneHot(tf.tensor1d(labels, 'int32'), this.dataset.classNames.length).toFloat() as tf.Tensor2D;
  }

  private env(reg: TensorMap, mode: ForwardMode, impl?: ConvImpl): TermEnv {
    return { preset: this.preset, temperature: this.hot.temperature, mode, impl, regressor: this.regSpec ? { spec: this.regSpec, params: reg, state: this.regState } : null };
  }

  /** How a step builds its problem; `impl` overrides the convolution path (checks use im2col). */
  private problemInputs(impl?: ConvImpl): ProblemInputs {
    return {
      progress: Math.min(1, this.stepCount / this.config.cold.totalSteps),
      shape: [this.dataset.height, this.dataset.width, this.dataset.channels],
      regParams: this.regParams,
      oneHot: (l) => this.oneHot(l),
      teacherOf: (x, y) => this.teacherOf(x, y),
      pass: (w, reg, x, y, t, mode) => studentPass(this.student, w, this.state, this.hints, t, this.env(reg, mode, impl), x, y, mode),
      metaLoss: (w, x, y) => tf.mean(ceLoss(this.student.forward(w, this.state, x, 'train', { impl }).logits, y)) as tf.Scalar,
    };
  }

  private teacherOf(x: tf.Tensor4D, y: tf.Tensor2D): TeacherSide {
    const t = this.teacher;
    return teacherSide(t.network, t.params, this.teacherState, this.hints, this.method.weighting === 'meta', this.env(this.regParams, 'eval'), x, y);
  }

  private coefficients(lr: number): Coefficients {
    // CE-only trains on the labels at full weight; hinted methods weight CE by γ.
    const gamma = this.hints.length === 0 ? 1 : this.hot.gamma;
    return { alpha: lr, gamma, betas: this.hints.map((h) => this.hot.betas[h]) };
  }

  /**
   * Computes the next step (a meta step first, when due) with one readback, and changes nothing
   * of the student until commit(). A non-finite loss or gradient throws DivergedError and leaves
   * everything as it was. With `trace`, the step's stages come with it.
   */
  async prepare(opts: { trace?: boolean } = {}): Promise<PreparedStep> {
    if (this.disposed) throw new Error('this trainer was disposed; reset the run');
    if (this.pending) throw new Error('a prepared step is pending: commit or discard it first');
    const started = now();
    const { cold } = this.config;
    const batcherBefore = this.batcher.getState();
    const batch = this.batcher.next(cold.batchSize);
    const isMeta = this.method.weighting === 'meta' && this.stepCount % this.hot.metaInterval === 0;
    const metaBatch = isMeta ? this.batcher.sample(cold.metaBatchSize) : null;
    const lr = this.lr;
    const metaUndo = isMeta ? this.weights.save() : null;
    this.safe.stage(this.namedVariables(), { step: this.stepCount, batcher: batcherBefore, counters: { ...this.weights.counters } });
    let computed: ComputedStep;
    try {
      computed = await computeStep({
        ...this.problemInputs(),
        step: this.stepCount, epoch: this.batcher.epoch, hints: this.hints, batch, metaBatch, lr, coef: this.coefficients(lr), hot: this.hot,
        trace: opts.trace === true, started, params: this.params, weights: this.weights,
      });
    } catch (e) {
      // Diverged (or failed): the weights' history and the data order rewind; nothing changed.
      metaUndo?.restore();
      this.batcher.setState(batcherBefore);
      throw e instanceof DivergedError ? this.rollBack(e) : e;
    }
    this.safe.judge(isHealthy(computed.report, this.dataset.classNames.length));
    const settle = () => {
      tf.dispose(computed.tensors as unknown as tf.TensorContainer);
      this.pending = null;
    };
    const prepared: PreparedStep = {
      report: computed.report,
      trace: computed.trace,
      commit: () => {
        if (this.pending !== prepared) throw new Error('this step was already committed or discarded');
        const t = computed.tensors;
        tf.tidy(() => {
          const all: VarMap = { ...this.params, ...this.regParams };
          this.sgd.apply(all, t.grads, lr, cold.momentum, cold.weightDecay);
          applyBnUpdates({ ...this.state, ...this.regState }, t.bn);
          this.weights.commit(t.indices, t.v, this.hot.mu, this.stepCount);
        });
        metaUndo?.dispose();
        settle();
        this.stepCount++;
        computed.report.stepMs = now() - started;
        return computed.report;
      },
      discard: () => {
        if (this.pending !== prepared) return;
        metaUndo?.restore();
        this.batcher.setState(batcherBefore);
        settle();
      },
    };
    this.pending = prepared;
    return prepared;
  }

  /**
   * After a divergence: back to the last healthy state when the steps since had blown the weights up
   * (finite but poisoned: they would diverge again at any setting). Returns the error to throw.
   */
  private rollBack(e: DivergedError): DivergedError {
    const betas = Object.fromEntries(this.hints.map((h) => [h, this.hot.betas[h]]));
    const to = this.safe.step;
    // No healthy state past step 0 means a restored state that never stepped healthily: unknown.
    if (to === null || to >= this.stepCount) return new DivergedError(e.step, this.hot.lr, e.what, { betas, poisoned: this.safe.sawUnhealthy || (to === null && this.stepCount > 0) });
    const s = this.safe.restore(this.namedVariables());
    this.stepCount = s.step;
    this.batcher.setState(s.batcher);
    this.weights.counters = s.counters;
    return new DivergedError(e.step, this.hot.lr, e.what, { betas, rolledBackTo: s.step });
  }

  /**
   * For checks of the meta-gradient: the next step's bilevel problem exactly as prepare() builds it
   * (on the `impl` convolution path), the weights, Θ and V_Θ on the step's inputs. Consumes no batch
   * and changes nothing. Call inside tf.tidy.
   */
  nextMetaProblem(impl?: ConvImpl) {
    if (!(this.weights instanceof MetaWeights)) throw new Error(`${this.method.label} has no meta-weight network`);
    const mw = this.weights;
    const before = this.batcher.getState();
    const batch = this.batcher.next(this.config.cold.batchSize);
    const metaBatch = this.batcher.sample(this.config.cold.metaBatchSize);
    this.batcher.setState(before);
    const s = this.problemInputs(impl);
    const bt = batchTensors(s, batch);
    return {
      problem: bilevelProblem(s, bt, metaBatch),
      w: this.params as TensorMap,
      theta: mw.theta as TensorMap,
      vOf: (theta: TensorMap, atW: TrainOut) => mw.v(theta, { ...bt.inputs, atW }),
      coef: this.coefficients(this.lr),
    };
  }

  /** One training step (a meta step first, when due). Resolves with its report. */
  async step(): Promise<StepReport> {
    return (await this.prepare()).commit();
  }

  /** Recomputes the student's batch-norm statistics on the fixed training images (HKD.md §7). */
  refreshBnStatistics(): void {
    if (!this.bnIndices.length) return;
    if (this.pending) throw new Error('a prepared step is pending: commit or discard it first');
    const fresh = preciseBnState(this.student, this.params, this.state, this.bnIndices, (i) => this.normalise(this.splits.train, i));
    for (const [k, v] of Object.entries(this.state)) v.assign(fresh[k]);
    tf.dispose(Object.values(fresh));
  }

  /** Test-split (and validation-split) accuracy and loss of the student, with fresh batch-norm statistics. */
  async evaluate(): Promise<EvalReport> {
    this.refreshBnStatistics();
    const on = (split: Split, limit: number) => evaluateNetwork(this.student, this.params, this.state, split, (i) => this.normalise(split, i), limit);
    const test = await on(this.splits.test, this.config.cold.evalSize);
    const val = this.splits.val.count ? await on(this.splits.val, 0) : null;
    return {
      step: this.stepCount, testAcc: test.accuracy, testLoss: test.loss, perClassAcc: test.perClassAcc, teacherAcc: this.teacherAccuracy,
      valAcc: val?.accuracy ?? NaN, valLoss: val?.loss ?? NaN,
    };
  }

  /** Each probe's weights now and its stored ṽ, losses and prediction (no augmentation, eval mode). */
  probes(): Promise<ProbeReport> {
    return probeReport({
      s: this.problemInputs(), weights: this.weights, params: this.params, hints: this.hints, indices: this.probeIndices,
      train: this.splits.train, normalise: (split, i) => this.normalise(split, i), step: this.stepCount,
    });
  }

  private namedVariables(): VarMap {
    const out: VarMap = {};
    for (const [k, v] of Object.entries(this.params)) out[`student.${k}`] = v;
    for (const [k, v] of Object.entries(this.state)) out[`student.state.${k}`] = v;
    for (const [k, v] of Object.entries(this.regParams)) out[`reg.${k}`] = v;
    for (const [k, v] of Object.entries(this.regState)) out[`reg.state.${k}`] = v;
    for (const [k, v] of Object.entries(this.sgd.buffers)) out[`sgd.${k}`] = v;
    return { ...out, ...this.weights.variables() };
  }

  /** The whole training state: weights, optimisers, meta network, ensemble memory, data order. */
  async checkpoint(): Promise<TrainerCheckpoint> {
    return {
      version: 1,
      config: { cold: structuredClone(this.config.cold), hot: this.hotSettings },
      step: this.stepCount,
      batcher: this.batcher.getState(),
      counters: { ...this.weights.counters },
      tensors: await readVariables(this.namedVariables()),
    };
  }

  /** Restores a checkpoint of a run with the same cold settings. */
  restore(ckpt: TrainerCheckpoint): void {
    assignVariables(this.namedVariables(), ckpt.tensors);
    this.hot = structuredClone(ckpt.config.hot);
    this.stepCount = ckpt.step;
    this.batcher.setState(ckpt.batcher);
    this.weights.counters = { ...ckpt.counters };
    this.safe.clear();
  }

  /** The student's current parameters and state, e.g. for export. */
  studentVariables(): { params: VarMap; state: VarMap } {
    return { params: this.params, state: this.state };
  }

  dispose(): void {
    if (this.disposed) return;
    this.pending?.discard();
    this.disposed = true;
    for (const v of Object.values(this.namedVariables())) v.dispose();
    this.weights.dispose();
    this.safe.dispose();
    if (this.ownsTeacherState) tf.dispose(Object.values(this.teacherState));
  }
}
