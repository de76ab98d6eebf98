// Weight ensembling over historical statistics (HKD.md §5), kept on the device so the
// training step needs no readback.
import * as tf from '@tensorflow/tfjs';

/**
 * Per-instance temporal ensembling: M_i ← μ·M_i + (1−μ)·v_i and ṽ_i = M_i / (1 − μ^{c_i}).
 * We keep the debias denominator D_i ← μ·D_i + (1−μ) instead of the count c_i: for a constant μ
 * it equals 1 − μ^{c_i} exactly, and it stays a correct normaliser when μ is changed live.
 */
export class InstanceEnsemble {
  readonly memory: tf.Variable; // [N, K]
  readonly debias: tf.Variable; // [N, 1]
  readonly visits: tf.Variable; // [N, 1], for display
  /** [N, 1]: the step whose weights an instance's ṽ last took in (−1: never), for display. */
  readonly lastStep: tf.Variable;

  constructor(readonly size: number, readonly numHints: number) {
    // tidy frees the zeros tensors; the variables keep their own reference to the data.
    this.memory = tf.tidy(() => tf.variable(tf.zeros([size, numHints]), false));
    this.debias = tf.tidy(() => tf.variable(tf.zeros([size, 1]), false));
    this.visits = tf.tidy(() => tf.variable(tf.zeros([size, 1]), false));
    this.lastStep = tf.tidy(() => tf.variable(tf.fill([size, 1], -1), false));
  }

  /** ṽ for a batch, given raw v [B, K] and the batch's dataset indices [B] (int32). Pure. */
  ensembled(v: tf.Tensor2D, indices: tf.Tensor1D, mu: number) {
    const m = tf.add(tf.mul(tf.gather(this.memory, indices), mu), tf.mul(v, 1 - mu)) as tf.Tensor2D;
    const d = tf.add(tf.mul(tf.gather(this.debias, indices), mu), 1 - mu) as tf.Tensor2D;
    return { vt: tf.div(m, d) as tf.Tensor2D, m, d };
  }

  /** The stored ṽ of instances already visited; v itself for new ones. Pure. */
  peek(v: tf.Tensor2D, indices: tf.Tensor1D) {
    const d = tf.gather(this.debias, indices);
    // Arithmetic, not a bool mask: bool ops misbehave on webgpu in tfjs 4.22.
    const seen = tf.step(d);
    const stored = tf.div(tf.gather(this.memory, indices), tf.maximum(d, 1e-12));
    return tf.add(tf.mul(seen, stored), tf.mul(tf.sub(1, seen), v)) as tf.Tensor2D;
  }

  /** When each instance's stored ṽ was last updated (−1: never) [B]. Pure. */
  updatedAt(indices: tf.Tensor1D): tf.Tensor1D {
    return tf.reshape(tf.gather(this.lastStep, indices), [-1]) as tf.Tensor1D;
  }

  /** Writes a batch's new rows, taken at `step`. Indices within a batch must be distinct. */
  commit(indices: tf.Tensor1D, m: tf.Tensor2D, d: tf.Tensor2D, step: number) {
    tf.tidy(() => {
      const idx = tf.reshape(indices, [-1, 1]);
      const put = (target: tf.Variable, rows: tf.Tensor) => {
        const old = tf.gather(target, indices);
        target.assign(tf.add(target, tf.scatterND(idx, tf.sub(rows, old), target.shape)));
      };
      put(this.memory, m);
      put(this.debias, d);
      put(this.visits, tf.add(tf.gather(this.visits, indices), 1));
      put(this.lastStep, tf.fill([indices.shape[0], 1], step));
    });
  }

  dispose() {
    tf.dispose([this.memory, this.debias, this.visits, this.lastStep]);
  }
}

/** The alternative: Θ_ema ← decay·Θ_ema + (1−decay)·Θ, and the actual step uses V_{Θ_ema}. */
export class ParamEma {
  readonly params: Record<string, tf.Variable> = {};

  constructor(source: Record<string, tf.Variable>, readonly decay = 0.999) {
    for (const [k, v] of Object.entries(source)) this.params[k] = tf.tidy(() => tf.variable(v.clone(), false));
  }

  update(source: Record<string, tf.Variable>) {
    tf.tidy(() => {
      for (const [k, v] of Object.entries(source)) {
        this.params[k].assign(tf.add(tf.mul(this.params[k], this.decay), tf.mul(v, 1 - this.decay)));
      }
    });
  }

  dispose() {
    for (const v of Object.values(this.params)) v.dispose();
  }
}
