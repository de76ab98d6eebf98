// ResNet-style family (CIFAR-style basic blocks): a conv3x3-BN-ReLU stem at full resolution,
// then stages of basic blocks (conv3x3-BN-ReLU, conv3x3-BN, + shortcut, ReLU), each stage after
// the first input halved by a 2x2 max pool. Downsampling by pooling keeps every conv stride 1,
// which all conv implementations support. The shortcut is identity, or conv1x1-BN where the
// width changes. Global average pool, then one dense layer.
//
// Names: `stem`, `s{i}.b{j}.c1`, `s{i}.b{j}.c2`, `s{i}.b{j}.sc` (shortcut), `fc`.
// Hint layers: `stem`, and `s{i}` = output of stage i.
import * as tf from '@tensorflow/tfjs';
import type { Network } from './network';
import { convBn, dense, type LayerCtx } from './layers';
import { globalAvgPool, maxPool2x2 } from './pool';
import { FASHION_INPUT, SpecBuilder, makeCtx, type NetworkOptions } from './spec-builder';

export interface ResNetConfig {
  id: string;
  label: string;
  stem: number;
  /** Each stage is preceded by a 2x2 max pool. */
  stages: { width: number; blocks: number }[];
}

function basicBlock(ctx: LayerCtx, p: string, x: tf.Tensor4D, projected: boolean): tf.Tensor4D {
  const h = convBn(ctx, `${p}.c2`, convBn(ctx, `${p}.c1`, x), false);
  const sc = projected ? convBn(ctx, `${p}.sc`, x, false) : x;
  return tf.relu(tf.add(h, sc)) as tf.Tensor4D;
}

export function resNet(cfg: ResNetConfig, opts: NetworkOptions = {}): Network {
  const inputShape = opts.inputShape ?? FASHION_INPUT;
  const numClasses = opts.numClasses ?? 10;
  const defaultImpl = opts.impl ?? 'auto';
  const b = new SpecBuilder();
  let [h, w, c] = inputShape;
  b.convBn('stem', 3, c, cfg.stem, h, w);
  c = cfg.stem;
  b.hint('stem', [h, w, c]);
  const projected: boolean[][] = [];
  cfg.stages.forEach((st, si) => {
    if (h % 2 || w % 2) throw new Error(`${cfg.id}: cannot pool an odd ${h}x${w} map before stage ${si + 1}`);
    h /= 2;
    w /= 2;
    projected.push([]);
    for (let j = 0; j < st.blocks; j++) {
      const p = `s${si + 1}.b${j + 1}`;
      b.convBn(`${p}.c1`, 3, c, st.width, h, w);
      b.convBn(`${p}.c2`, 3, st.width, st.width, h, w);
      const proj = c !== st.width;
      if (proj) b.convBn(`${p}.sc`, 1, c, st.width, h, w);
      projected[si].push(proj);
      c = st.width;
    }
    b.hint(`s${si + 1}`, [h, w, c]);
  });
  b.dense('fc', c, numClasses);
  const spec = b.build(cfg.id, cfg.label, inputShape, numClasses);

  return {
    spec,
    forward(params, state, x, mode, fopts) {
      const ctx = makeCtx(params, state, mode, fopts?.impl ?? defaultImpl);
      const features: Record<string, tf.Tensor4D> = {};
      let hcur = convBn(ctx, 'stem', x);
      features.stem = hcur;
      cfg.stages.forEach((st, si) => {
        hcur = maxPool2x2(hcur, ctx.impl);
        for (let j = 0; j < st.blocks; j++) hcur = basicBlock(ctx, `s${si + 1}.b${j + 1}`, hcur, projected[si][j]);
        features[`s${si + 1}`] = hcur;
      });
      const logits = dense(ctx, 'fc', globalAvgPool(hcur));
      return { logits, features, bnUpdates: ctx.bnUpdates };
    },
  };
}
