// Phase 1 of a training step: the meta step (when due) and the actual step's gradients, with one
// readback, and nothing of the student changed. The trainer applies the result (commit) or drops
// it; a non-finite loss or gradient throws DivergedError here, after freeing everything.
import * as tf from '@tensorflow/tfjs';
import type { Batch } from '../data/batcher';
import { weightedLoss, type BilevelProblem, type Coefficients } from '../meta/look-ahead';
import type { HintWeights } from '../methods/weights';
import type { BnUpdate, ForwardMode, TensorMap } from '../nn/network';
import { addAll } from '../tensor/add-all';
import { unkeep } from '../tensor/detach';
import { Readback, unpack } from '../tensor/readback';
import type { HintId, HotSettings } from './config';
import { DivergedError } from './errors';
import { columnMeans, weightHistograms } from './histogram';
import type { Pass, TeacherSide } from './passes';
import type { StepReport } from './report';
import type { StepTrace, TracedBatch } from './step-trace';

/** What a step's problem is built from (shared with the trainer's checks, so there is one builder). */
export interface ProblemInputs {
  progress: number;
  shape: [number, number, number];
  regParams: Record<string, tf.Variable>;
  oneHot(labels: Int32Array): tf.Tensor2D;
  teacherOf(x: tf.Tensor4D, y: tf.Tensor2D): TeacherSide;
  pass(w: TensorMap, reg: TensorMap, x: tf.Tensor4D, y: tf.Tensor2D, t: TeacherSide, mode: ForwardMode): Pass;
  metaLoss(w: TensorMap, x: tf.Tensor4D, y: tf.Tensor2D): tf.Scalar;
}

/** A batch as tensors, the teacher's side of it and the meta-weight network's inputs. Call inside tf.tidy. */
export function batchTensors(s: ProblemInputs, batch: Batch) {
  const x = tf.tensor4d(batch.x, [batch.labels.length, ...s.shape]);
  const y = s.oneHot(batch.labels);
  const indices = tf.tensor1d(batch.indices, 'int32');
  const t = s.teacherOf(x, y);
  return { x, y, indices, t, inputs: { teacherConf: t.conf, progress: s.progress, indices } };
}

/** The bilevel problem of HKD.md §4 on a batch and a meta batch. Call inside tf.tidy. */
export function bilevelProblem(s: ProblemInputs, bt: ReturnType<typeof batchTensors>, metaBatch: Batch): BilevelProblem {
  const xm = tf.tensor4d(metaBatch.x, [metaBatch.labels.length, ...s.shape]);
  const ym = s.oneHot(metaBatch.labels);
  return { trainLosses: (ws) => s.pass(ws, s.regParams, bt.x, bt.y, bt.t, 'train'), metaLoss: (ws) => s.metaLoss(ws, xm, ym) };
}

export interface StepInputs extends ProblemInputs {
  step: number;
  epoch: number;
  hints: HintId[];
  batch: Batch;
  metaBatch: Batch | null;
  lr: number;
  coef: Coefficients;
  hot: HotSettings;
  trace: boolean;
  started: number;
  params: Record<string, tf.Variable>;
  weights: HintWeights;
}

/** What commit() applies. */
export interface StepTensors {
  grads: TensorMap;
  bn: BnUpdate[];
  indices: tf.Tensor1D;
  v: tf.Tensor2D;
}

export interface ComputedStep {
  report: StepReport;
  trace?: StepTrace;
  tensors: StepTensors;
}

const traced = (b: Batch): TracedBatch => ({ indices: b.indices.slice(), labels: b.labels.slice() });

export async function computeStep(s: StepInputs): Promise<ComputedStep> {
  const { batch, metaBatch, coef, hints } = s;
  const k = hints.length;
  const names = [...Object.keys(s.params), ...Object.keys(s.regParams)];
  const all: TensorMap = { ...s.params, ...s.regParams };
  const rb = new Readback();
  const out = tf.tidy(() => {
    const bt = batchTensors(s, batch);
    const { x, y, indices, t, inputs } = bt;
    if (metaBatch) {
      const meta = s.weights.metaStep(bilevelProblem(s, bt, metaBatch), s.params, coef, inputs, s.hot.metaLr, s.trace);
      if (meta) {
        rb.add('metaLoss', meta.metaLoss).add('metaGradSum', meta.gradSum);
        const mt = meta.trace;
        if (mt) {
          rb.add('vBefore', mt.vBefore).add('G', mt.G).add('dNorm', mt.dNorm).add('stepNorm', mt.stepNorm);
          rb.add('metaLossAtW', mt.metaLossAtW).add('metaGradNorm', mt.metaGradNorm).add('thetaStepNorm', mt.thetaStepNorm);
        }
      }
    }
    // The actual step on (w, φ) with ṽ from the (updated) weight source.
    let kept!: { p: Pass; v: tf.Tensor2D; raw: tf.Tensor2D; vt: tf.Tensor2D; total: tf.Scalar };
    const grads = tf.grads((...vs: tf.Tensor[]) => {
      const wPart: TensorMap = {};
      const rPart: TensorMap = {};
      names.forEach((n, i) => ((n in s.params ? wPart : rPart)[n] = vs[i]));
      const p = s.pass(wPart, rPart, x, y, t, 'train');
      const wd = s.weights.weigh({ ...inputs, atW: { losses: p.losses, correct: p.correct } }, s.hot.mu);
      const total = weightedLoss(p.losses, k ? wd.vt : null, coef);
      // Everything used after the backward pass must survive tf.grads' own scope.
      const bn = p.bnUpdates.map((u) => ({ ...u, batchMean: tf.keep(u.batchMean), batchVar: tf.keep(u.batchVar) }));
      kept = { p: { ...p, losses: tf.keep(p.losses), correct: tf.keep(p.correct), bnUpdates: bn }, v: tf.keep(wd.v), raw: tf.keep(wd.raw), vt: tf.keep(wd.vt), total: tf.keep(total) };
      return total;
    })(names.map((n) => all[n]));
    const once = new Map<tf.Tensor, tf.Tensor>();
    const own = <T extends tf.Tensor>(x: T): T => {
      if (!once.has(x)) once.set(x, unkeep(x));
      return once.get(x) as T;
    };
    const v = own(kept.v);
    const raw = own(kept.raw);
    const vt = own(kept.vt);
    const losses = own(kept.p.losses);
    const bn = kept.p.bnUpdates.map((u) => ({ ...u, batchMean: unkeep(u.batchMean), batchVar: unkeep(u.batchVar) }));
    // Finiteness is checked in JS after the readback: sums carry any NaN or ∞ along, and
    // bool ops (isFinite) give wrong results on webgpu in tfjs 4.22.
    rb.add('total', own(kept.total)).add('lossMeans', tf.mean(losses, 0)).add('acc', tf.mean(own(kept.p.correct)));
    rb.add('gradSum', addAll(grads.map((g) => tf.sum(g))));
    if (k) rb.add('v', v).add('vt', vt).add('raw', raw);
    if (s.trace) rb.add('losses', losses).add('gradNorm', tf.sqrt(addAll(grads.map((g) => tf.sum(tf.square(g))))));
    const gradMap: TensorMap = {};
    names.forEach((n, i) => (gradMap[n] = grads[i]));
    return { packed: rb.pack(), tensors: { grads: gradMap, bn, indices, v } };
  });
  const free = () => tf.dispose([out.packed, ...Object.values(out.tensors.grads), out.tensors.indices, out.tensors.v, ...out.tensors.bn.flatMap((u) => [u.batchMean, u.batchVar])]);
  let data: Float32Array;
  try {
    data = (await out.packed.data()) as Float32Array;
  } catch (e) {
    free();
    throw e;
  }
  out.packed.dispose();
  const r = unpack(rb.slots, data);
  // A non-finite loss or gradient changes nothing: the last good state stays.
  const what = !Number.isFinite(r.scalar('total'))
    ? 'the training loss'
    : !Number.isFinite(r.scalar('gradSum'))
      ? 'a gradient'
      : metaBatch && r.has('metaGradSum') && !Number.isFinite(r.scalar('metaGradSum'))
        ? 'the meta-gradient'
        : null;
  if (what) {
    free();
    throw new DivergedError(s.step, s.lr, what);
  }
  const means = r.get('lossMeans');
  const lossesOut: StepReport['losses'] = { total: r.scalar('total'), ce: means[0] };
  hints.forEach((h, i) => (lossesOut[h] = means[1 + i]));
  const v = k ? r.get('v') : new Float32Array(0);
  const vt = k ? r.get('vt') : new Float32Array(0);
  const report: StepReport = {
    step: s.step,
    epoch: s.epoch,
    losses: lossesOut,
    metaLoss: r.has('metaLoss') ? r.scalar('metaLoss') : undefined,
    trainAcc: r.scalar('acc'),
    hints,
    meanV: columnMeans(v, k),
    meanVt: columnMeans(vt, k),
    meanVRaw: k ? columnMeans(r.get('raw'), k) : [],
    hist: weightHistograms(vt, k),
    lr: s.lr,
    stepMs: 0,
    metaStep: r.has('metaLoss'),
  };
  const trace: StepTrace | undefined = s.trace
    ? {
        step: s.step,
        hints,
        batch: traced(batch),
        losses: r.get('losses'),
        meta: r.has('G') && metaBatch
          ? {
              batch: traced(metaBatch), alpha: coef.alpha, betas: coef.betas.slice(),
              vBefore: r.get('vBefore'), virtualStepNorm: r.scalar('stepNorm'),
              metaLossAtW: r.scalar('metaLossAtW'), metaLoss: r.scalar('metaLoss'), dNorm: r.scalar('dNorm'),
              G: r.get('G'), metaGradNorm: r.scalar('metaGradNorm'), thetaStepNorm: r.scalar('thetaStepNorm'),
            }
          : null,
        v,
        vt,
        actual: { lr: s.lr, total: lossesOut.total, terms: { ...lossesOut }, gradNorm: r.scalar('gradNorm') },
      }
    : undefined;
  return { report, trace, tensors: out.tensors };
}
