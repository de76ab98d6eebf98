// The probes' report: each probe's weights now and its stored ṽ (with the step it was last
// updated), its losses and the student's prediction: eval mode, no augmentation.
import * as tf from '@tensorflow/tfjs';
import type { Split } from '../data/dataset';
import type { HintWeights } from '../methods/weights';
import type { TensorMap } from '../nn/network';
import type { HintId } from './config';
import type { ProbeReport } from './report';
import type { ProblemInputs } from './step-compute';

export interface ProbeSource {
  s: ProblemInputs;
  weights: HintWeights;
  params: TensorMap;
  hints: HintId[];
  indices: Int32Array;
  train: Split;
  normalise(split: Split, indices: ArrayLike<number>): Float32Array;
  step: number;
}

export async function probeReport(p: ProbeSource): Promise<ProbeReport> {
  const idx = p.indices;
  const n = idx.length;
  const k = p.hints.length;
  const labels = Int32Array.from(idx, (i) => p.train.labels[i]);
  const packed = tf.tidy(() => {
    const x = tf.tensor4d(p.normalise(p.train, idx), [n, ...p.s.shape]);
    const y = p.s.oneHot(labels);
    const t = p.s.teacherOf(x, y);
    const pass = p.s.pass(p.params, p.s.regParams, x, y, t, 'eval');
    const { v, vt, vtStep } = p.weights.peek(
      { atW: { losses: pass.losses, correct: pass.correct }, teacherConf: t.conf, progress: p.s.progress, indices: tf.tensor1d(idx, 'int32') },
      p.step,
    );
    return tf.concat([tf.reshape(v, [-1]), tf.reshape(vt, [-1]), tf.reshape(pass.losses, [-1]), tf.cast(tf.argMax(pass.logits, 1), 'float32'), vtStep]);
  });
  const d = (await packed.data()) as Float32Array;
  packed.dispose();
  const lossEnd = 2 * n * k + n * (1 + k);
  return {
    step: p.step,
    hints: p.hints,
    indices: idx.slice(),
    labels,
    v: d.slice(0, n * k),
    vt: d.slice(n * k, 2 * n * k),
    losses: d.slice(2 * n * k, lossEnd),
    preds: Int32Array.from(d.slice(lossEnd, lossEnd + n)),
    vtStep: Int32Array.from(d.slice(lossEnd + n, lossEnd + 2 * n)),
  };
}
