// FitNet regressor r_φ: conv 1x1 + BN from the student's hint channels to the teacher's.
// Its params and state are prefixed (default `reg`), so they live beside the student's in one map
// without clashing, and are kept out of the virtual step ŵ by name.
import type * as tf from '@tensorflow/tfjs';
import type { BnUpdate, ConvImpl, ForwardMode, ParamSpec, TensorMap } from './network';
import { convBn, convBnSpec } from './layers';
import { makeCtx } from './spec-builder';

export interface RegressorSpec {
  prefix: string;
  studentChannels: number;
  teacherChannels: number;
  params: ParamSpec[];
  state: ParamSpec[];
  paramCount: number;
}

export function fitnetRegressorSpec(studentChannels: number, teacherChannels: number, prefix = 'reg'): RegressorSpec {
  const params: ParamSpec[] = [];
  const state: ParamSpec[] = [];
  convBnSpec(prefix, 1, studentChannels, teacherChannels, params, state);
  const paramCount = params.reduce((s, p) => s + p.shape.reduce((a, b) => a * b, 1), 0);
  return { prefix, studentChannels, teacherChannels, params, state, paramCount };
}

/** r_φ(F_s): [B,H,W,Cs] → [B,H,W,Ct]. Train mode returns BN updates; the caller applies them. */
export function fitnetRegressor(
  spec: RegressorSpec,
  params: TensorMap,
  state: TensorMap,
  x: tf.Tensor4D,
  mode: ForwardMode,
  impl: ConvImpl = 'auto',
): { out: tf.Tensor4D; bnUpdates: BnUpdate[] } {
  const ctx = makeCtx(params, state, mode, impl);
  const out = convBn(ctx, spec.prefix, x, false);
  return { out, bnUpdates: ctx.bnUpdates };
}
