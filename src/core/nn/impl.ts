// Which convolution implementation `auto` means on the current backend.
import * as tf from '@tensorflow/tfjs';
import type { ConvImpl } from './network';

/** The implementation `auto` resolves to on the current backend. */
export function resolveConvImpl(impl: ConvImpl): Exclude<ConvImpl, 'auto'> {
  if (impl !== 'auto') return impl;
  // wasm: tf.conv2d cannot train there; `fast` keeps all three convolutions on XNNPACK.
  // cpu: measured 3-4x faster too (reference step A 863 vs 2,789 ms, B 4,986 vs 21,873 ms).
  // webgl/webgpu: native kernels are a single shader each, no transposes needed.
  const b = tf.getBackend();
  return b === 'wasm' || b === 'cpu' ? 'fast' : 'native';
}

