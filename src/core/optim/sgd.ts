// SGD with momentum and L2 weight decay (PyTorch's update rule). Hand-written so that the
// learning rate is a plain argument (a hot setting) and the buffers checkpoint as named tensors.
import * as tf from '@tensorflow/tfjs';

export class MomentumSgd {
  readonly buffers: Record<string, tf.Variable>;

  constructor(vars: Record<string, tf.Variable>) {
    this.buffers = {};
    for (const [name, v] of Object.entries(vars)) {
      // tidy frees the zeros tensor; the variable keeps its own reference to the data.
      this.buffers[name] = tf.tidy(() => tf.variable(tf.zerosLike(v), false, `sgd.${name}.${v.id}`));
    }
  }

  /** One step in place. Call inside tf.tidy. */
  apply(vars: Record<string, tf.Variable>, grads: Record<string, tf.Tensor>, lr: number, momentum: number, weightDecay: number) {
    for (const [name, v] of Object.entries(vars)) {
      let g = grads[name];
      // Decay weights only (rank ≥ 2), not biases or batch-norm scales.
      if (weightDecay > 0 && v.rank >= 2) g = tf.add(g, tf.mul(v, weightDecay));
      const buffer = tf.add(tf.mul(this.buffers[name], momentum), g);
      this.buffers[name].assign(buffer);
      v.assign(tf.sub(v, tf.mul(buffer, lr)));
    }
  }

  dispose() {
    for (const b of Object.values(this.buffers)) b.dispose();
  }
}
