// Ops with hand-written gradients (tf.customGrad) for the `fast` conv path on wasm and cpu.
// Measured on tfjs-backend-wasm (Node, 2 cores), tensors of [64,32,32,32]:
//   MaxPoolGrad 63 ms, against a few ms for the broadcast masks of fastMaxPool2x2 below;
//   tf.sum over N,H,W 12 ms (it transposes first), matMul(ones[1,N], X[N,C]) 13 ms (XNNPACK packs
//   the fresh right operand), against 1 ms for a global tf.avgPool then a sum over the batch;
//   matMul with transposeA/transposeB 10–20 ms, against 1–2 ms for an explicit transpose + matMul;
//   tf.batchNorm 11 ms, against ~3 ms per broadcast multiply.
// These gradients are first-order only: use the `im2col` path for nested tf.grads.
import * as tf from '@tensorflow/tfjs';

/** tf.customGrad with typed tensor arguments (tfjs types every argument as Tensor | GradSaveFunc). */
export function customOp<A extends tf.Tensor[], T extends tf.Tensor>(
  f: (...args: [...A, tf.GradSaveFunc]) => { value: T; gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => tf.Tensor | tf.Tensor[] },
): (...args: A) => T {
  return tf.customGrad(f as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (...args: A) => T;
}

/**
 * Kernel gradient of a stride-1 'same' conv as one more forward conv, so it runs on XNNPACK:
 * the batch becomes the contracted channel axis. x^T [C,H,W,B] is the "image", dy^T [H,W,B,O]
 * the "filter"; a conv with padding p gives [C,k,k,O], then a tiny transpose to [k,k,C,O].
 */
export function convFilterGrad(x: tf.Tensor4D, dy: tf.Tensor4D, k: number): tf.Tensor4D {
  return tf.tidy(() => {
    const [b, h, w, c] = x.shape;
    const o = dy.shape[3];
    if (k === 1) {
      // [C,BHW]·[BHW,O]: one transpose of x then a plain matMul (transposeA matMuls are slow on wasm).
      const xt = tf.transpose(tf.reshape(x, [b * h * w, c]));
      return tf.reshape(tf.matMul(xt, tf.reshape(dy, [b * h * w, o])), [1, 1, c, o]);
    }
    const p = (k - 1) / 2;
    const xt = tf.transpose(x, [3, 1, 2, 0]);
    const dyt = tf.transpose(dy, [1, 2, 0, 3]);
    // Explicit pads: tfjs computes the output size of a numeric pad from the filter height only.
    const g = tf.conv2d(xt as tf.Tensor4D, dyt as tf.Tensor4D, 1, [[0, 0], [p, p], [p, p], [0, 0]]); // [C,k,k,O]
    return tf.transpose(g, [1, 2, 0, 3]);
  });
}

/** Input gradient of a stride-1 'same' conv: a 'same' conv of dy with the flipped, swapped kernel. */
export function convInputGrad(dy: tf.Tensor4D, w: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const k = w.shape[0];
    const wt = k === 1 ? tf.transpose(w, [0, 1, 3, 2]) : tf.transpose(tf.reverse(w, [0, 1]), [0, 1, 3, 2]);
    return tf.conv2d(dy, wt as tf.Tensor4D, 1, 'same');
  });
}

/** 'same' stride-1 conv: tf.conv2d forward (XNNPACK on wasm), both gradients as tf.conv2d too. */
export const fastConv = customOp((x: tf.Tensor, w: tf.Tensor, save: tf.GradSaveFunc) => {
  save([x, w]);
  return {
    value: tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'same'),
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
      const [sx, sw] = saved as [tf.Tensor4D, tf.Tensor4D];
      const g = dy as tf.Tensor4D;
      return [convInputGrad(g, sw), convFilterGrad(sx, g, sw.shape[0])];
    },
  };
});

/**
 * Sum over every axis but the last, as [C]. For NHWC maps, a global average pool (one XNNPACK
 * kernel) then a small sum over the batch: ~12x faster than tf.sum on wasm.
 */
export function sumToChannels(x: tf.Tensor): tf.Tensor1D {
  if (x.rank === 4) {
    const [b, h, w, c] = x.shape;
    if (h * w === 1) return tf.sum(tf.reshape(x, [b, c]), 0);
    const avg = tf.reshape(tf.avgPool(x as tf.Tensor4D, [h, w], 1, 'valid'), [b, c]);
    return tf.mul(tf.sum(avg, 0), h * w);
  }
  return tf.sum(tf.reshape(x, [-1, x.shape[x.rank - 1]]), 0);
}

/** a·b with a gradient free of transposeA/transposeB matMuls. */
export const fastMatMul = customOp((a: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => {
  save([a, b]);
  return {
    value: tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D),
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
      const [sa, sb] = saved as tf.Tensor2D[];
      const g = dy as tf.Tensor2D;
      return [tf.matMul(g, tf.transpose(sb)), tf.matMul(tf.transpose(sa), g)];
    },
  };
});

/**
 * 2x2 max pool (tf.maxPool forward) whose gradient routes each window's upstream value to exactly
 * one element, the one the reshape pool (pool.ts) picks: `b + relu(a − b)` sends a tie to `b`, rows
 * first, then columns, so the winner is the last maximum in column-major order. A mask of "equals
 * the max" would give every tied element the full gradient, and Fashion-MNIST's flat background
 * ties about a third of the first pool's windows at a positive value. tfjs's own MaxPoolGrad breaks
 * ties differently per backend (first maximum on cpu, last on webgl), so every backend uses this.
 */
export const fastMaxPool2x2 = customOp((x: tf.Tensor, save: tf.GradSaveFunc) => {
  const y = tf.maxPool(x as tf.Tensor4D, 2, 2, 'valid');
  save([x]);
  return {
    value: y,
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
      const [sx] = saved as tf.Tensor4D[];
      const [b, h, w, c] = sx.shape;
      const size = [b, h / 2, 1, w / 2, 1, c];
      const x6 = tf.reshape(sx, [b, h / 2, 2, w / 2, 2, c]);
      const at = (r: number, col: number) => tf.slice(x6, [0, 0, r, 0, col, 0], size);
      const [a00, a10, a01, a11] = [at(0, 0), at(1, 0), at(0, 1), at(1, 1)];
      // 1 where p ≥ q (step(0) is 0, so a tie counts as ≥).
      const atLeast = (p: tf.Tensor, q: tf.Tensor) => tf.sub(1, tf.step(tf.sub(q, p)));
      const col1 = atLeast(tf.maximum(a01, a11), tf.maximum(a00, a10));
      const col0 = tf.sub(1, col1);
      const row1In0 = atLeast(a10, a00);
      const row1In1 = atLeast(a11, a01);
      const g = tf.reshape(dy as tf.Tensor, size);
      const g0 = tf.mul(g, col0);
      const g1 = tf.mul(g, col1);
      const column0 = tf.concat([tf.sub(g0, tf.mul(g0, row1In0)), tf.mul(g0, row1In0)], 2);
      const column1 = tf.concat([tf.sub(g1, tf.mul(g1, row1In1)), tf.mul(g1, row1In1)], 2);
      return tf.reshape(tf.concat([column0, column1], 4), [b, h, w, c]);
    },
  };
});

/**
 * conv 3x3/1x1 'same' + bias + relu: forward is one fused XNNPACK kernel, backward two convs
 * (see conv.ts) and a matMul for the bias.
 */
export const fastConvBiasRelu = customOp((x: tf.Tensor, w: tf.Tensor, bias: tf.Tensor, save: tf.GradSaveFunc) => {
  const y = tf.fused.conv2d({ x: x as tf.Tensor4D, filter: w as tf.Tensor4D, strides: 1, pad: 'same', bias, activation: 'relu' });
  save([x, w, y]);
  return {
    value: y,
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
      const [sx, sw, sy] = saved as tf.Tensor4D[];
      const g = tf.mul(dy as tf.Tensor4D, tf.step(sy)) as tf.Tensor4D; // y > 0 exactly where the pre-activation is
      return [convInputGrad(g, sw), convFilterGrad(sx, g, sw.shape[0]), sumToChannels(g)];
    },
  };
});

export interface FastBnOut<T extends tf.Tensor> {
  y: T;
  /** Biased batch mean and variance [C], not connected to the gradient tape. */
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
}

function bnOp(relu: boolean, eps: number, stats: { mean?: tf.Tensor; variance?: tf.Tensor }) {
  return customOp((x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, save: tf.GradSaveFunc) => {
    const n = x.size / x.shape[x.rank - 1];
    const mean = tf.mul(sumToChannels(x), 1 / n);
    const xc = tf.sub(x, mean);
    const variance = tf.mul(sumToChannels(tf.square(xc)), 1 / n);
    const rstd = tf.rsqrt(tf.add(variance, eps));
    const xhat = tf.mul(xc, rstd);
    let y = tf.add(tf.mul(xhat, gamma), beta);
    if (relu) y = tf.relu(y);
    // customGrad runs this inside a tidy: keep the statistics; the caller adopts and frees them.
    stats.mean = tf.keep(mean);
    stats.variance = tf.keep(variance);
    save([xhat, rstd, gamma, y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [sxhat, srstd, sgamma, sy] = saved;
        const g = relu ? tf.mul(dy as tf.Tensor, tf.step(sy)) : (dy as tf.Tensor);
        const dbeta = sumToChannels(g);
        const dgamma = sumToChannels(tf.mul(g, sxhat));
        // dx = γ·rstd · (g − mean(g) − x̂·mean(g·x̂))
        const dx = tf.mul(tf.sub(tf.sub(g, tf.mul(dbeta, 1 / n)), tf.mul(sxhat, tf.mul(dgamma, 1 / n))), tf.mul(sgamma, srstd));
        return [dx, dgamma, dbeta];
      },
    };
  });
}

/**
 * Train-mode batch norm over all axes but the last (+ optional relu) with a hand-written
 * gradient; reductions are matMuls with a ones row. Returns the batch statistics as well.
 */
export function fastBatchNormTrain<T extends tf.Tensor>(x: T, gamma: tf.Tensor1D, beta: tf.Tensor1D, eps: number, relu: boolean): FastBnOut<T> {
  const stats: { mean?: tf.Tensor; variance?: tf.Tensor } = {};
  const op = bnOp(relu, eps, stats);
  const y = op(x, gamma, beta) as T;
  // Move the kept statistics into the caller's tidy scope (clone shares the data).
  const mean = tf.clone(stats.mean!) as tf.Tensor1D;
  const variance = tf.clone(stats.variance!) as tf.Tensor1D;
  stats.mean!.dispose();
  stats.variance!.dispose();
  return { y, mean, variance };
}
