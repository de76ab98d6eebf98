// The pretrained teachers committed under public/teachers/: `<preset>.bin` holds the weights
// (serialize.ts format) and `<preset>.json` how they were trained and their test accuracy.
import * as tf from '@tensorflow/tfjs';
import { getPreset } from './presets';
import { decodeWeights } from './serialize';
import type { Network, TensorMap } from './network';

export const TEACHERS_DIR = 'teachers';

export interface TeacherRecord {
  preset: string;
  specId: string;
  /** Test accuracy on the embedded test split, measured when the weights were made. */
  testAccuracy: number;
  seed: number;
  steps: number;
  batchSize: number;
  lr: number;
  dataset: string;
  paramCount: number;
  command: string;
}

export interface LoadedTeacher {
  teacher: { network: Network; params: TensorMap; state: TensorMap };
  record: TeacherRecord;
  accuracy: number;
}

export type ReadFile = (relPath: string) => Promise<Uint8Array>;

/**
 * Teacher tensors from weight bytes, checked against the network (names and shapes) before any
 * tensor is made, so weights that do not fit throw with what was expected and leak nothing.
 */
export function teacherFromWeights(bytes: Uint8Array, network: Network): LoadedTeacher['teacher'] {
  const w = decodeWeights(bytes, network.spec.id);
  for (const group of ['params', 'state'] as const) {
    const want = network.spec[group];
    const missing = want.filter((p) => !w[group][p.name]).map((p) => p.name);
    const extra = Object.keys(w[group]).filter((n) => !want.some((p) => p.name === n));
    if (missing.length || extra.length) throw new Error(`weights do not match the network's ${group}: missing [${missing.join(', ')}], unexpected [${extra.join(', ')}]`);
    for (const p of want) {
      const { shape } = w[group][p.name];
      if (shape.length !== p.shape.length || shape.some((d, i) => d !== p.shape[i])) throw new Error(`weights for "${p.name}": expected shape [${p.shape}], found [${shape}]`);
    }
  }
  const toTensors = (m: typeof w.params) => {
    const out: TensorMap = {};
    for (const [name, { shape, data }] of Object.entries(m)) out[name] = tf.tensor(data, shape, 'float32');
    return out;
  };
  return { network, params: toTensors(w.params), state: toTensors(w.state) };
}

export async function loadTeacher(presetId: string, read: ReadFile): Promise<LoadedTeacher> {
  const network = getPreset(presetId).teacher();
  const json = new TextDecoder().decode(await read(`${TEACHERS_DIR}/${presetId}.json`));
  const record = JSON.parse(json) as TeacherRecord;
  const bytes = await read(`${TEACHERS_DIR}/${presetId}.bin`);
  try {
    return { teacher: teacherFromWeights(bytes, network), record, accuracy: record.testAccuracy };
  } catch (e) {
    throw new Error(`teacher weights for "${presetId}": ${(e as Error).message}; remake them with npm run make:teachers`);
  }
}
