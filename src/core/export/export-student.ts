// The trained student in TensorFlow.js's own format: a tfjs-layers model equivalent to our
// network in eval mode, with our weights copied in, saved as model.json + weights.bin (what
// tf.loadLayersModel expects). The architecture is read from the parameter names (layers.ts,
// cnn.ts, resnet.ts), so teachers export the same way.
//
// Layer mapping (eval mode):
//   conv3x3/1x1 (stride 1, 'same', no bias) → Conv2D(useBias: false)
//   batch norm with running stats           → BatchNormalization(epsilon: BN_EPSILON)
//   ReLU                                    → Activation('relu')
//   2x2 max pool                            → MaxPooling2D(2, 2, 'valid')
//   residual add (ResNet preset)            → Add (functional API), then ReLU
//   global average pool + dense             → GlobalAveragePooling2D, Dense
// Input: the *normalised* image (as the lab's network takes it), unless `inputNormalisation`
// is given, which prepends a per-channel affine layer so the model takes raw pixels 0..255.
import * as tf from '@tensorflow/tfjs';
import { BN_EPSILON } from '../nn/layers';
import type { Network, TensorMap } from '../nn/network';

export interface ExportOptions {
  /** y = x·scale[c] + bias[c] on raw pixels (0..255) before the network; see Batcher.normalisation. */
  inputNormalisation?: { scale: number[]; bias: number[] };
  classNames?: string[];
  /** Extra metadata stored in model.json's userDefinedMetadata.hkd. */
  meta?: Record<string, unknown>;
}

export interface ExportedModel {
  files: { 'model.json': Uint8Array; 'weights.bin': Uint8Array };
}

type Sym = tf.SymbolicTensor;

interface Builder {
  x: Sym;
  weights: [tf.layers.Layer, tf.Tensor[]][];
  /** Layers with weights, listed when made: applying a layer creates its variables, which a failed build must free. */
  layers: tf.layers.Layer[];
}

function tensorOf(m: TensorMap, name: string): tf.Tensor {
  const t = m[name];
  if (!t) throw new Error(`exportStudent: missing tensor "${name}"`);
  return t;
}

function convBn(b: Builder, params: TensorMap, state: TensorMap, prefix: string, relu: boolean, from: Sym = b.x): Sym {
  const w = tensorOf(params, `${prefix}.w`);
  const [k, , , cout] = w.shape;
  const safe = prefix.replace(/\./g, '_');
  const conv = tf.layers.conv2d({ name: `${safe}_conv`, filters: cout, kernelSize: k, strides: 1, padding: 'same', useBias: false });
  const bn = tf.layers.batchNormalization({ name: `${safe}_bn`, axis: -1, epsilon: BN_EPSILON, momentum: 0.9 });
  b.layers.push(conv, bn);
  let y = bn.apply(conv.apply(from) as Sym) as Sym;
  b.weights.push([conv, [w]]);
  b.weights.push([bn, [params[`${prefix}.bn.gamma`], params[`${prefix}.bn.beta`], state[`${prefix}.bn.mean`], state[`${prefix}.bn.var`]].map((t, i) => t ?? tensorOf({}, `${prefix}.bn.${['gamma', 'beta', 'mean', 'var'][i]}`))]);
  if (relu) y = tf.layers.activation({ name: `${safe}_relu`, activation: 'relu' }).apply(y) as Sym;
  return y;
}

function pool(x: Sym, name: string): Sym {
  return tf.layers.maxPooling2d({ name, poolSize: 2, strides: 2, padding: 'valid' }).apply(x) as Sym;
}

/** Builds the tfjs-layers model (weights set). Caller disposes it; on failure nothing is left allocated. */
export function buildLayersModel(network: Network, params: TensorMap, state: TensorMap, opts: ExportOptions = {}): tf.LayersModel {
  const b: Builder = { x: tf.input({ shape: network.spec.inputShape, name: 'image' }), weights: [], layers: [] };
  // Made here, copied into the layer by setWeights: always ours to free.
  const own: tf.Tensor[] = [];
  try {
    return build(network, params, state, opts, b, own);
  } catch (e) {
    for (const layer of b.layers) for (const w of layer.weights) w.dispose();
    throw e;
  } finally {
    tf.dispose(own);
  }
}

function build(network: Network, params: TensorMap, state: TensorMap, opts: ExportOptions, b: Builder, own: tf.Tensor[]): tf.LayersModel {
  const spec = network.spec;
  const names = spec.params.map((p) => p.name);
  const input = b.x;
  if (opts.inputNormalisation) {
    // BatchNormalization as a per-channel affine map: mean 0, variance 1 − ε, γ = scale, β = bias.
    const c = spec.inputShape[2];
    const norm = tf.layers.batchNormalization({ name: 'input_normalisation', epsilon: BN_EPSILON });
    b.layers.push(norm);
    b.x = norm.apply(b.x) as Sym;
    own.push(tf.tensor1d(opts.inputNormalisation.scale), tf.tensor1d(opts.inputNormalisation.bias), tf.zeros([c]), tf.fill([c], 1 - BN_EPSILON));
    b.weights.push([norm, own.slice()]);
  }
  if (names.includes('stem.w')) {
    // ResNet: stem, then per stage a pool and basic blocks.
    b.x = convBn(b, params, state, 'stem', true);
    for (let si = 1; names.some((n) => n.startsWith(`s${si}.`)); si++) {
      b.x = pool(b.x, `s${si}_pool`);
      for (let j = 1; names.includes(`s${si}.b${j}.c1.w`); j++) {
        const p = `s${si}.b${j}`;
        const inp = b.x;
        const h = convBn(b, params, state, `${p}.c2`, false, convBn(b, params, state, `${p}.c1`, true, inp));
        const sc = names.includes(`${p}.sc.w`) ? convBn(b, params, state, `${p}.sc`, false, inp) : inp;
        const add = tf.layers.add({ name: `${p.replace(/\./g, '_')}_add` }).apply([h, sc]) as Sym;
        b.x = tf.layers.activation({ name: `${p.replace(/\./g, '_')}_relu`, activation: 'relu' }).apply(add) as Sym;
      }
    }
  } else {
    // Plain CNN: stages of conv-BN-ReLU, a pool before every stage but the first.
    for (let si = 1; names.includes(`s${si}.c1.w`); si++) {
      if (si > 1) b.x = pool(b.x, `s${si}_pool`);
      for (let ci = 1; names.includes(`s${si}.c${ci}.w`); ci++) b.x = convBn(b, params, state, `s${si}.c${ci}`, true);
    }
  }
  if (b.weights.length === 0 || !names.includes('fc.w')) throw new Error(`exportStudent: network "${spec.id}" has a layout this exporter does not know`);
  const gap = tf.layers.globalAveragePooling2d({ name: 'gap' }).apply(b.x) as Sym;
  const fcW = tensorOf(params, 'fc.w');
  const fc = tf.layers.dense({ name: 'fc', units: fcW.shape[1] as number, useBias: true });
  b.layers.push(fc);
  const logits = fc.apply(gap) as Sym;
  b.weights.push([fc, [fcW, tensorOf(params, 'fc.b')]]);
  const model = tf.model({ inputs: input, outputs: logits, name: spec.id.replace(/[^A-Za-z0-9_]/g, '_') });
  // Every parameter and state tensor must be used exactly once: anything left means a mismatch.
  const used = new Set(b.weights.flatMap(([, ts]) => ts));
  const unused = [...Object.entries(params), ...Object.entries(state)].filter(([, t]) => !used.has(t)).map(([n]) => n);
  if (unused.length) throw new Error(`exportStudent: tensors not mapped to any layer: ${unused.join(', ')}`);
  for (const [layer, ts] of b.weights) layer.setWeights(ts);
  return model;
}

/** Exports to model.json + weights.bin bytes (logits output; apply softmax for probabilities). */
export async function exportStudent(network: Network, params: TensorMap, state: TensorMap, opts: ExportOptions = {}): Promise<ExportedModel> {
  const model = buildLayersModel(network, params, state, opts);
  try {
    let files: ExportedModel['files'] | undefined;
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        const weightData = artifacts.weightData ? tf.io.CompositeArrayBuffer.join(artifacts.weightData) : new ArrayBuffer(0);
        const json = {
          modelTopology: artifacts.modelTopology,
          format: 'layers-model',
          generatedBy: `TensorFlow.js tfjs-layers v${tf.version_layers}`,
          convertedBy: null,
          weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
          userDefinedMetadata: {
            hkd: {
              specId: network.spec.id,
              inputShape: network.spec.inputShape,
              input: opts.inputNormalisation ? 'raw pixels 0..255, NHWC float32' : 'normalised pixels (x/255 − mean)/std per channel, NHWC float32',
              output: 'logits',
              ...(opts.classNames ? { classNames: opts.classNames } : {}),
              ...opts.meta,
            },
          },
        };
        files = { 'model.json': new TextEncoder().encode(JSON.stringify(json)), 'weights.bin': new Uint8Array(weightData) };
        return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
      }),
    );
    return { files: files! };
  } finally {
    model.dispose();
  }
}

/** An IOHandler that loads exactly the exported bytes (model.json + weights.bin). */
export function fromExportedFiles(files: ExportedModel['files']): tf.io.IOHandler {
  return {
    load: async () => {
      const json = JSON.parse(new TextDecoder().decode(files['model.json'])) as tf.io.ModelJSON;
      return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
        const paths = manifest.flatMap((g) => g.paths);
        if (paths.length !== 1 || paths[0] !== 'weights.bin') throw new Error(`expected one weights file "weights.bin", manifest lists ${paths.join(', ')}`);
        const w = files['weights.bin'];
        return [manifest.flatMap((g) => g.weights), w.buffer.slice(w.byteOffset, w.byteOffset + w.byteLength) as ArrayBuffer];
      });
    },
  };
}
