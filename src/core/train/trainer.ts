// The trainer: one step at a time, so the caller (CLI loop, Web Worker) can pause, change hot
// settings or checkpoint between steps. Every method runs the same step; they differ only in
// their hints and in where the per-instance weights come from (methods/weights.ts).
import * as tf from '@tensorflow/tfjs';
import { addAll } from '../tensor/add-all';
import { Batcher } from '../data/batcher';
import type { Dataset } from '../data/dataset';
import { chooseProbes } from '../data/probes';
import { atLossToMaps, attentionMap, ceLoss, correctness, fitnetLoss, kdLossToTarget, kdTarget } from '../hints/losses';
import { weightedLoss, type BilevelProblem, type Coefficients, type TrainOut } from '../meta/look-ahead';
import { FixedWeights, MetaWeights, type HintWeights } from '../methods/weights';
import { methodSpec, type MethodSpec } from '../methods/methods';
import { createVariables } from '../nn/init';
import type { BnUpdate, ForwardMode, Network, TensorMap } from '../nn/network';
import { getPreset, type Preset } from '../nn/presets';
import { fitnetRegressor, fitnetRegressorSpec, type RegressorSpec } from '../nn/regressor';
import { MomentumSgd } from '../optim/sgd';
import { Rng } from '../random';
import { unkeep } from '../tensor/detach';
import type { HintId, HotSettings, TrainConfig } from './config';
import { DivergedError, SettingsError } from './errors';
import { evaluateNetwork } from './evaluate';
import { columnMeans, weightHistograms } from './histogram';
import type { EvalReport, ProbeReport, StepReport } from './report';
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

/** The teacher's side of every hint, computed once per batch and shared by all student passes. */
interface TeacherOut {
  features: Record<string, tf.Tensor4D>;
  conf: tf.Tensor1D;
  /** log softmax(z_t/T), for KD. */
  logQ: tf.Tensor2D;
  /** Attention maps of the teacher's hint layers, in preset.hintPairs order, for AT. */
  atMaps: tf.Tensor2D[];
}

interface Pass extends TrainOut {
  logits: tf.Tensor2D;
  bnUpdates: BnUpdate[];
}

type VarMap = Record<string, tf.Variable>;

export interface TrainerCheckpoint {
  version: 1;
  config: TrainConfig;
  step: number;
  batcher: ReturnType<Batcher['getState']>;
  counters: Record<string, number>;
  tensors: Record<string, { shape: number[]; data: Float32Array }>;
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export class Trainer {
  readonly method: MethodSpec;
  readonly preset: Preset;
  readonly student: Network;
  readonly hints: HintId[];
  readonly probeIndices: Int32Array;
  teacherAccuracy = NaN;
  private hot: HotSettings;
  private stepCount = 0;
  private readonly batcher: Batcher;
  private readonly params: VarMap;
  private readonly state: VarMap;
  private readonly regSpec: RegressorSpec | null;
  private readonly regParams: VarMap = {};
  private readonly regState: VarMap = {};
  private readonly sgd: MomentumSgd;
  private readonly weights: HintWeights;
  private readonly oneHotCache = new Map<number, tf.Tensor2D>();
  private disposed = false;

  private constructor(
    readonly config: TrainConfig,
    readonly dataset: Dataset,
    readonly teacher: Teacher,
  ) {
    const { cold } = config;
    const problems = [...validateCold(cold), ...validateHot(config.hot)];
    if (problems.length) throw new SettingsError(problems);
    this.hot = structuredClone(config.hot);
    this.method = methodSpec(cold.method);
    this.preset = getPreset(cold.preset);
    this.hints = this.method.hints;
    const shape: [number, number, number] = [dataset.height, dataset.width, dataset.channels];
    this.student = this.preset.student({ inputShape: shape, numClasses: dataset.classNames.length });
    const init = createVariables(this.student.spec, Rng.stream(cold.seed, 'init'));
    this.params = init.params;
    this.state = init.state;
    if (this.hints.includes('fitnet')) {
      const pair = this.preset.fitnetPair;
      const s = this.student.spec.hintLayers.find((l) => l.name === pair.student);
      const t = teacher.network.spec.hintLayers.find((l) => l.name === pair.teacher);
      if (!s || !t) throw new Error(`preset ${this.preset.id}: FitNet layers ${pair.student}/${pair.teacher} not found`);
      this.regSpec = fitnetRegressorSpec(s.shape[2], t.shape[2]);
      const reg = createVariables(this.regSpec, Rng.stream(cold.seed, 'init-reg'));
      this.regParams = reg.params;
      this.regState = reg.state;
    } else {
      this.regSpec = null;
    }
    this.sgd = new MomentumSgd({ ...this.params, ...this.regParams });
    const k = this.hints.length;
    this.weights =
      this.method.weighting === 'meta'
        ? new MetaWeights(k, cold.metaInputs, this.method.ensemble ? cold.ensemble : null, dataset.train.count, Rng.stream(cold.seed, 'meta-init'))
        : new FixedWeights(k);
    this.batcher = new Batcher(dataset.train, dataset, Rng.stream(cold.seed, 'data'), {
      crop: cold.augment,
      flip: cold.augment,
      sampleRng: Rng.stream(cold.seed, 'meta-batch'),
    });
    this.probeIndices = chooseProbes(dataset.train.labels, dataset.classNames.length, cold.probeCount, Rng.stream(cold.seed, 'probes'));
  }

  /** Builds a trainer and measures the teacher on the test split. */
  static async create(opts: TrainerOptions): Promise<Trainer> {
    const t = new Trainer(opts.config, opts.dataset, opts.teacher);
    const ev = await evaluateNetwork(
      t.teacher.network,
      t.teacher.params,
      t.teacher.state,
      t.dataset.test,
      (i) => t.batcher.normalise(t.dataset.test.images, i),
      opts.config.cold.evalSize,
    );
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

  /** Changes hot settings between steps; optimiser state is kept. Throws SettingsError, changing nothing. */
  setHot(partial: Partial<HotSettings>): HotSettings {
    const problems = validateHot(partial);
    if (problems.length) throw new SettingsError(problems);
    this.hot = { ...this.hot, ...partial, betas: { ...this.hot.betas, ...partial.betas } };
    return this.hotSettings;
  }

  private oneHot(labels: Int32Array): tf.Tensor2D {
    return tf.oneHot(tf.tensor1d(labels, 'int32'), this.dataset.classNames.length).toFloat() as tf.Tensor2D;
  }

  private teacherPass(x: tf.Tensor4D, y: tf.Tensor2D): TeacherOut {
    // CE-only needs no teacher: skip its forward pass.
    if (this.hints.length === 0 && this.method.weighting === 'fixed') {
      return { features: {}, conf: tf.zeros([x.shape[0]]) as tf.Tensor1D, logQ: tf.zeros([x.shape[0], 1]) as tf.Tensor2D, atMaps: [] };
    }
    const out = this.teacher.network.forward(this.teacher.params, this.teacher.state, x, 'eval');
    const conf = tf.sum(tf.mul(tf.softmax(out.logits), y), 1) as tf.Tensor1D;
    const atMaps = this.hints.includes('at') ? this.preset.hintPairs.map((p) => attentionMap(out.features[p.teacher])) : [];
    return { features: out.features, conf, logQ: kdTarget(out.logits, this.hot.temperature), atMaps };
  }

  /** The student's per-instance losses: CE, then each active hint, in `this.hints` order. */
  private pass(w: TensorMap, reg: TensorMap, x: tf.Tensor4D, y: tf.Tensor2D, t: TeacherOut, mode: ForwardMode): Pass {
    const out = this.student.forward(w, this.state, x, mode);
    const cols: tf.Tensor1D[] = [ceLoss(out.logits, y)];
    const bnUpdates = [...out.bnUpdates];
    for (const hint of this.hints) {
      if (hint === 'kd') cols.push(kdLossToTarget(out.logits, t.logQ, this.hot.temperature));
      else if (hint === 'fitnet') {
        const pair = this.preset.fitnetPair;
        const r = fitnetRegressor(this.regSpec!, reg, this.regState, out.features[pair.student], mode);
        bnUpdates.push(...r.bnUpdates);
        cols.push(fitnetLoss(r.out, t.features[pair.teacher]));
      } else {
        cols.push(atLossToMaps(this.preset.hintPairs.map((p, i) => ({ student: out.features[p.student], teacherMap: t.atMaps[i] }))));
      }
    }
    return { losses: tf.stack(cols, 1) as tf.Tensor2D, correct: correctness(out.logits, y), logits: out.logits, bnUpdates };
  }

  private coefficients(): Coefficients {
    // CE-only trains on the labels at full weight; hinted methods weight CE by γ.
    const gamma = this.hints.length === 0 ? 1 : this.hot.gamma;
    return { alpha: this.hot.lr, gamma, betas: this.hints.map((h) => this.hot.betas[h]) };
  }

  /** One training step (a meta step first, when due). Resolves with its report. */
  async step(): Promise<StepReport> {
    if (this.disposed) throw new Error('this trainer was disposed; reset the run');
    const started = now();
    const { cold } = this.config;
    const k = this.hints.length;
    // The data order rewinds with the weights when a step is refused as non-finite.
    const batcherBefore = this.batcher.getState();
    const batch = this.batcher.next(cold.batchSize);
    const isMeta = this.method.weighting === 'meta' && this.stepCount % this.hot.metaInterval === 0;
    const metaBatch = isMeta ? this.batcher.sample(cold.metaBatchSize) : null;
    const [h, w, c] = [this.dataset.height, this.dataset.width, this.dataset.channels];
    const progress = Math.min(1, this.stepCount / cold.totalSteps);
    const coef = this.coefficients();
    const names = [...Object.keys(this.params), ...Object.keys(this.regParams)];
    const all: VarMap = { ...this.params, ...this.regParams };

    // Phase 1: the meta step (when due) and the actual step's gradients. Nothing of the student
    // changes yet; the meta network's state is saved, so a refused step can undo it.
    const metaUndo = isMeta ? this.weights.save() : null;
    const phase1 = tf.tidy(() => {
      const x = tf.tensor4d(batch.x, [batch.labels.length, h, w, c]);
      const y = this.oneHot(batch.labels);
      const indices = tf.tensor1d(batch.indices, 'int32');
      const t = this.teacherPass(x, y);
      const inputs = { teacherConf: t.conf, progress, indices };

      // [L_meta(ŵ), Σ meta-gradient] on meta steps; nothing otherwise (no placeholder scalars:
      // tf.scalar constants read back wrong values on webgpu in tfjs 4.22).
      let metaStats: tf.Tensor1D | null = null;
      if (metaBatch) {
        const xm = tf.tensor4d(metaBatch.x, [metaBatch.labels.length, h, w, c]);
        const ym = this.oneHot(metaBatch.labels);
        const problem: BilevelProblem = {
          trainLosses: (ws) => this.pass(ws, this.regParams, x, y, t, 'train'),
          metaLoss: (ws) => tf.mean(ceLoss(this.student.forward(ws, this.state, xm, 'train').logits, ym)) as tf.Scalar,
        };
        const meta = this.weights.metaStep(problem, this.params, coef, inputs, this.hot.metaLr);
        if (meta) metaStats = tf.stack([meta.metaLoss, meta.gradSum]) as tf.Tensor1D;
      }

      // The actual step on (w, φ) with ṽ from the (updated) weight source.
      let captured!: { losses: tf.Tensor2D; correct: tf.Tensor1D; bn: BnUpdate[]; v: tf.Tensor2D; vt: tf.Tensor2D; total: tf.Scalar };
      const grads = tf.grads((...vs: tf.Tensor[]) => {
        const wPart: TensorMap = {};
        const rPart: TensorMap = {};
        names.forEach((n, i) => ((n in this.params ? wPart : rPart)[n] = vs[i]));
        const p = this.pass(wPart, rPart, x, y, t, 'train');
        const wd = this.weights.weigh({ ...inputs, atW: { losses: p.losses, correct: p.correct } }, this.hot.mu);
        const total = weightedLoss(p.losses, k ? wd.vt : null, coef);
        // Everything used after the backward pass must survive tf.grads' own scope.
        captured = {
          losses: tf.keep(p.losses),
          correct: tf.keep(p.correct),
          bn: p.bnUpdates.map((u) => ({ ...u, mean: tf.keep(u.mean), variance: tf.keep(u.variance) })),
          v: tf.keep(wd.v),
          vt: tf.keep(wd.vt),
          total: tf.keep(total),
        };
        return total;
      })(names.map((n) => all[n]));
      const v = unkeep(captured.v);
      const vt = captured.vt === captured.v ? v : unkeep(captured.vt);
      const total = unkeep(captured.total);
      const correct = unkeep(captured.correct);
      const losses = unkeep(captured.losses);
      // Finiteness is checked in JS after the readback: sums carry any NaN or ∞ along, and
      // bool ops (isFinite) give wrong results on webgpu in tfjs 4.22.
      const gradSum = addAll(grads.map((g) => tf.sum(g)));
      // Layout: total, mean of each loss column, accuracy, Σ gradient, [meta stats], v, ṽ.
      const packed = tf.concat([
        tf.reshape(total, [1]),
        tf.mean(losses, 0),
        tf.reshape(tf.mean(correct), [1]),
        tf.reshape(gradSum, [1]),
        ...(metaStats ? [metaStats] : []),
        ...(k ? [tf.reshape(v, [-1]), tf.reshape(vt, [-1])] : []),
      ]);
      return {
        packed,
        grads,
        v,
        indices,
        bnMeans: captured.bn.map((u) => unkeep(u.mean)),
        bnVars: captured.bn.map((u) => unkeep(u.variance)),
        bnNames: captured.bn.map((u) => [u.name, u.varName]),
      };
    });
    const data = (await phase1.packed.data()) as Float32Array;

    // A non-finite loss or gradient changes nothing: the last good state stays.
    const accAt = 2 + k;
    const gradAt = accAt + 1;
    const metaAt = isMeta ? gradAt + 1 : -1;
    const what = !Number.isFinite(data[0])
      ? 'the training loss'
      : !Number.isFinite(data[gradAt])
        ? 'a gradient'
        : isMeta && !Number.isFinite(data[metaAt + 1])
          ? 'the meta-gradient'
          : null;
    if (what) {
      tf.dispose(phase1 as unknown as tf.TensorContainer);
      metaUndo?.restore();
      this.batcher.setState(batcherBefore);
      throw new DivergedError(this.stepCount, this.hot.lr, what);
    }
    metaUndo?.dispose();

    // Phase 2: apply the step.
    tf.tidy(() => {
      const gradMap: TensorMap = {};
      names.forEach((n, i) => (gradMap[n] = phase1.grads[i]));
      this.sgd.apply(all, gradMap, this.hot.lr, cold.momentum, cold.weightDecay);
      const stateVars = { ...this.state, ...this.regState };
      phase1.bnNames.forEach(([mean, variance], i) => {
        stateVars[mean].assign(phase1.bnMeans[i]);
        stateVars[variance].assign(phase1.bnVars[i]);
      });
      this.weights.commit(phase1.indices, phase1.v, this.hot.mu);
    });
    tf.dispose(phase1 as unknown as tf.TensorContainer);

    const b = batch.labels.length;
    const vStart = isMeta ? metaAt + 2 : gradAt + 1;
    const v = data.slice(vStart, vStart + b * k);
    const vt = data.slice(vStart + b * k, vStart + 2 * b * k);
    const losses: StepReport['losses'] = { total: data[0], ce: data[1] };
    this.hints.forEach((hint, i) => (losses[hint] = data[2 + i]));
    const report: StepReport = {
      step: this.stepCount,
      epoch: this.batcher.epoch,
      losses,
      metaLoss: isMeta ? data[metaAt] : undefined,
      trainAcc: data[accAt],
      hints: this.hints,
      meanV: columnMeans(v, k),
      meanVt: columnMeans(vt, k),
      hist: weightHistograms(vt, k),
      lr: this.hot.lr,
      stepMs: 0,
      metaStep: isMeta,
    };
    this.stepCount++;
    report.stepMs = now() - started;
    return report;
  }

  /** Test-split accuracy and loss of the student (eval mode). */
  async evaluate(): Promise<EvalReport> {
    const ev = await evaluateNetwork(
      this.student,
      this.params,
      this.state,
      this.dataset.test,
      (i) => this.batcher.normalise(this.dataset.test.images, i),
      this.config.cold.evalSize,
    );
    return { step: this.stepCount, testAcc: ev.accuracy, testLoss: ev.loss, perClassAcc: ev.perClassAcc, teacherAcc: this.teacherAccuracy };
  }

  /** Each probe's raw and ensembled weights, losses and prediction (no augmentation, eval mode). */
  async probes(): Promise<ProbeReport> {
    const idx = this.probeIndices;
    const n = idx.length;
    const k = this.hints.length;
    const labels = Int32Array.from(idx, (i) => this.dataset.train.labels[i]);
    const [h, w, c] = [this.dataset.height, this.dataset.width, this.dataset.channels];
    const packed = tf.tidy(() => {
      const x = tf.tensor4d(this.batcher.normalise(this.dataset.train.images, idx), [n, h, w, c]);
      const y = this.oneHot(labels);
      const t = this.teacherPass(x, y);
      const p = this.pass(this.params, this.regParams, x, y, t, 'eval');
      const { v, vt } = this.weights.peek({
        atW: { losses: p.losses, correct: p.correct },
        teacherConf: t.conf,
        progress: Math.min(1, this.stepCount / this.config.cold.totalSteps),
        indices: tf.tensor1d(idx, 'int32'),
      });
      return tf.concat([tf.reshape(v, [-1]), tf.reshape(vt, [-1]), tf.reshape(p.losses, [-1]), tf.cast(tf.argMax(p.logits, 1), 'float32')]);
    });
    const d = (await packed.data()) as Float32Array;
    packed.dispose();
    return {
      step: this.stepCount,
      hints: this.hints,
      indices: idx.slice(),
      labels,
      v: d.slice(0, n * k),
      vt: d.slice(n * k, 2 * n * k),
      losses: d.slice(2 * n * k, 2 * n * k + n * (1 + k)),
      preds: Int32Array.from(d.slice(2 * n * k + n * (1 + k))),
    };
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
    const tensors: TrainerCheckpoint['tensors'] = {};
    for (const [name, v] of Object.entries(this.namedVariables())) {
      tensors[name] = { shape: v.shape.slice(), data: (await v.data()) as Float32Array };
    }
    return {
      version: 1,
      config: { cold: structuredClone(this.config.cold), hot: this.hotSettings },
      step: this.stepCount,
      batcher: this.batcher.getState(),
      counters: { ...this.weights.counters },
      tensors,
    };
  }

  /** Restores a checkpoint of a run with the same cold settings. */
  restore(ckpt: TrainerCheckpoint): void {
    const vars = this.namedVariables();
    for (const [name, v] of Object.entries(vars)) {
      const t = ckpt.tensors[name];
      if (!t) throw new Error(`checkpoint has no tensor "${name}": it is from another preset or method`);
      if (t.shape.join('x') !== v.shape.join('x')) throw new Error(`checkpoint tensor "${name}" has shape ${t.shape.join('x')}, expected ${v.shape.join('x')}`);
    }
    for (const [name, v] of Object.entries(vars)) {
      const t = ckpt.tensors[name];
      tf.tidy(() => v.assign(tf.tensor(t.data, t.shape)));
    }
    this.hot = structuredClone(ckpt.config.hot);
    this.stepCount = ckpt.step;
    this.batcher.setState(ckpt.batcher);
    this.weights.counters = { ...ckpt.counters };
  }

  /** The student's current parameters and state, e.g. for export. */
  studentVariables(): { params: VarMap; state: VarMap } {
    return { params: this.params, state: this.state };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const v of Object.values(this.namedVariables())) v.dispose();
    this.weights.dispose();
    for (const t of this.oneHotCache.values()) t.dispose();
  }
}
