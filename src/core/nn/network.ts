import type * as tf from '@tensorflow/tfjs';

/** Named tensors: a network's parameters, or its batch-norm running statistics. */
export type TensorMap = Record<string, tf.Tensor>;

export type ForwardMode = 'train' | 'eval';

/**
 * A train-mode pass's batch statistics of one batch-norm layer. Only a real training step turns
 * them into new running statistics (applyBnUpdates); the virtual, meta and finite-difference
 * passes drop them, and the precise statistics before an evaluation pool them (bn-stats.ts).
 */
export interface BnUpdate {
  /** Key of the running mean in `state`, e.g. `block1.bn.mean`. */
  name: string;
  /** Key of the running variance in `state`, e.g. `block1.bn.var`. */
  varName: string;
  /** Batch mean and biased batch variance [C], over `count` values per channel. */
  batchMean: tf.Tensor1D;
  batchVar: tf.Tensor1D;
  count: number;
}

export interface ForwardOut {
  logits: tf.Tensor2D;
  /** Feature maps that hints read, by hint-layer name (NHWC). */
  features: Record<string, tf.Tensor4D>;
  /** Present in train mode; the caller decides whether to apply them. */
  bnUpdates: BnUpdate[];
}

export interface ParamSpec {
  name: string;
  shape: number[];
  /** How to initialise: He normal (fan-in), zeros or ones. */
  init: 'he' | 'zeros' | 'ones' | 'glorot';
  fanIn?: number;
}

export interface NetworkSpec {
  /** Stable id, e.g. "cnn-s" */
  id: string;
  label: string;
  inputShape: [number, number, number];
  numClasses: number;
  params: ParamSpec[];
  /** Batch-norm running statistics (not trained by gradients). */
  state: ParamSpec[];
  /** Names and shapes ([H, W, C]) of the feature maps offered as hints, shallow to deep. */
  hintLayers: { name: string; shape: [number, number, number] }[];
  paramCount: number;
  /** Multiply-accumulates of one forward pass per instance. */
  macsPerInstance: number;
}

export type ConvImpl = 'auto' | 'native' | 'fast' | 'im2col';

export interface ForwardOptions {
  /** Overrides the network's convolution implementation, e.g. 'im2col' for nested tf.grads. */
  impl?: ConvImpl;
}

export interface Network {
  spec: NetworkSpec;
  /**
   * Functional forward pass. `params` and `state` may be variables or any tensors (virtual
   * weights ŵ, finite-difference weights w ± εd). Must be called inside tf.tidy by the caller.
   */
  forward(params: TensorMap, state: TensorMap, x: tf.Tensor4D, mode: ForwardMode, opts?: ForwardOptions): ForwardOut;
}
