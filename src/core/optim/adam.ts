// Adam with L2 weight decay added to the gradient (PyTorch's `weight_decay`, as MW-Net uses it).
import * as tf from '@tensorflow/tfjs';

export class Adam {
  readonly m: Record<string, tf.Variable> = {};
  readonly v: Record<string, tf.Variable> = {};
  t = 0;

  constructor(vars: Record<string, tf.Variable>, private beta1 = 0.9, private beta2 = 0.999, private eps = 1e-8) {
    for (const [name, p] of Object.entries(vars)) {
      // tidy frees the zeros tensors; the variables keep their own reference to the data.
      this.m[name] = tf.tidy(() => tf.variable(tf.zerosLike(p), false));
      this.v[name] = tf.tidy(() => tf.variable(tf.zerosLike(p), false));
    }
  }

  /** One update of `vars` in place. */
  apply(vars: Record<string, tf.Variable>, grads: Record<string, tf.Tensor>, lr: number, weightDecay: number) {
    this.t += 1;
    const t = this.t;
    tf.tidy(() => {
      const c1 = 1 - this.beta1 ** t;
      const c2 = 1 - this.beta2 ** t;
      for (const [name, p] of Object.entries(vars)) {
        const g = weightDecay > 0 ? tf.add(grads[name], tf.mul(p, weightDecay)) : grads[name];
        const m = tf.add(tf.mul(this.m[name], this.beta1), tf.mul(g, 1 - this.beta1));
        const v = tf.add(tf.mul(this.v[name], this.beta2), tf.mul(tf.square(g), 1 - this.beta2));
        const step = tf.div(tf.mul(m, lr / c1), tf.add(tf.sqrt(tf.div(v, c2)), this.eps));
        this.m[name].assign(m);
        this.v[name].assign(v);
        p.assign(tf.sub(p, step));
      }
    });
  }

  dispose() {
    for (const x of [...Object.values(this.m), ...Object.values(this.v)]) x.dispose();
  }
}
