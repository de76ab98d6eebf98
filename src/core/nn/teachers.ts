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

export async function loadTeacher(presetId: string, read: ReadFile): Promise<LoadedTeacher> {
  const network = getPreset(presetId).teacher();
  const json = new TextDecoder().decode(await read(`${TEACHERS_DIR}/${presetId}.json`));
  const record = JSON.parse(json) as TeacherRecord;
  const w = decodeWeights(await read(`${TEACHERS_DIR}/${presetId}.bin`), network.spec.id);
  const toTensors = (m: typeof w.params) => {
    const out: TensorMap = {};
    for (const [name, { shape, data }] of Object.entries(m)) out[name] = tf.tensor(data, shape, 'float32');
    return out;
  };
  const params = toTensors(w.params);
  const state = toTensors(w.state);
  const missing = [...network.spec.params, ...network.spec.state].filter((p) => !(p.name in params) && !(p.name in state)).map((p) => p.name);
  if (missing.length) {
    tf.dispose([...Object.values(params), ...Object.values(state)]);
    throw new Error(`teacher weights for "${presetId}" lack ${missing.join(', ')}; remake them with npm run make:teachers`);
  }
  return { teacher: { network, params, state }, record, accuracy: record.testAccuracy };
}
