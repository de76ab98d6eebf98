// Plain CNN family: stages of conv3x3-BN-ReLU blocks, a 2x2 max pool between stages, then global
// average pooling and one dense layer (GAP keeps the classifier small on 28x28 and 32x32 inputs).
//
// Names: `s{i}.c{j}` for conv j of stage i (w, bn.*), `fc` for the classifier.
// Hint layers: `s{i}` = the last ReLU output of stage i, before its pool.
import * as tf from '@tensorflow/tfjs';
import type { Network } from './network';
import { convBn, dense } from './layers';
import { globalAvgPool, maxPool2x2 } from './pool';
import { FASHION_INPUT, SpecBuilder, makeCtx, type NetworkOptions } from './spec-builder';

export interface CnnConfig {
  id: string;
  label: string;
  /** Conv widths per stage, e.g. [[8], [16], [32]]; a pool halves H and W between stages. */
  stages: number[][];
}

export function plainCnn(cfg: CnnConfig, opts: NetworkOptions = {}): Network {
  const inputShape = opts.inputShape ?? FASHION_INPUT;
  const numClasses = opts.numClasses ?? 10;
  const defaultImpl = opts.impl ?? 'auto';
  const b = new SpecBuilder();
  let [h, w, c] = inputShape;
  cfg.stages.forEach((widths, si) => {
    if (si > 0) {
      if (h % 2 || w % 2) throw new Error(`${cfg.id}: cannot pool an odd ${h}x${w} map before stage ${si + 1}`);
      h /= 2;
      w /= 2;
    }
    widths.forEach((cout, ci) => {
      b.convBn(`s${si + 1}.c${ci + 1}`, 3, c, cout, h, w);
      c = cout;
    });
    b.hint(`s${si + 1}`, [h, w, c]);
  });
  b.dense('fc', c, numClasses);
  const spec = b.build(cfg.id, cfg.label, inputShape, numClasses);

  return {
    spec,
    forward(params, state, x, mode, fopts) {
      const ctx = makeCtx(params, state, mode, fopts?.impl ?? defaultImpl);
      const features: Record<string, tf.Tensor4D> = {};
      let hcur = x;
      cfg.stages.forEach((widths, si) => {
        if (si > 0) hcur = maxPool2x2(hcur, ctx.impl);
        widths.forEach((_, ci) => {
          hcur = convBn(ctx, `s${si + 1}.c${ci + 1}`, hcur);
        });
        features[`s${si + 1}`] = hcur;
      });
      const logits = dense(ctx, 'fc', globalAvgPool(hcur));
      return { logits, features, bnUpdates: ctx.bnUpdates };
    },
  };
}
