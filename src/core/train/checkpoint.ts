// A trainer's whole state as plain data (weights, optimisers, meta network, ensemble memory, data
// order), and its restore: checked completely before any variable changes.
import * as tf from '@tensorflow/tfjs';
import type { BatcherState } from '../data/batcher';
import type { TrainConfig } from './config';

export interface TrainerCheckpoint {
  version: 1;
  config: TrainConfig;
  step: number;
  batcher: BatcherState;
  counters: Record<string, number>;
  tensors: Record<string, { shape: number[]; data: Float32Array }>;
}

/** Checkpoint tensors that older checkpoints may lack; they keep their initial values. */
const OPTIONAL_TENSORS = new Set(['ensemble.lastStep']);

export async function readVariables(vars: Record<string, tf.Variable>): Promise<TrainerCheckpoint['tensors']> {
  const tensors: TrainerCheckpoint['tensors'] = {};
  for (const [name, v] of Object.entries(vars)) tensors[name] = { shape: v.shape.slice(), data: (await v.data()) as Float32Array };
  return tensors;
}

/** Assigns a checkpoint's tensors; throws, changing nothing, when one is missing or misshapen. */
export function assignVariables(vars: Record<string, tf.Variable>, tensors: TrainerCheckpoint['tensors']): void {
  for (const [name, v] of Object.entries(vars)) {
    const t = tensors[name];
    if (!t) {
      if (OPTIONAL_TENSORS.has(name)) continue;
      throw new Error(`checkpoint has no tensor "${name}": it is from another preset or method`);
    }
    if (t.shape.join('x') !== v.shape.join('x')) throw new Error(`checkpoint tensor "${name}" has shape ${t.shape.join('x')}, expected ${v.shape.join('x')}`);
  }
  for (const [name, v] of Object.entries(vars)) {
    const t = tensors[name];
    if (t) tf.tidy(() => v.assign(tf.tensor(t.data, t.shape)));
  }
}
