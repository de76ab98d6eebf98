// Teachers kept in IndexedDB per (dataset, preset): trained in the lab's teacher phase or loaded
// from a file. Weights use the serialize.ts format, the same as a saved teacher file.
import type { Dataset } from '../../core/data/dataset';
import { createVariables } from '../../core/nn/init';
import type { Network } from '../../core/nn/network';
import { getPreset } from '../../core/nn/presets';
import { assignWeights, decodeWeights } from '../../core/nn/serialize';
import { Rng } from '../../core/random';
import type { Teacher } from '../../core/train/trainer';
import { runStore } from './db';

export const teacherKey = (datasetId: string, presetId: string) => `${datasetId}/${presetId}`;

export function teacherNetwork(presetId: string, ds: Dataset): Network {
  return getPreset(presetId).teacher({ inputShape: [ds.height, ds.width, ds.channels], numClasses: ds.classNames.length });
}

/**
 * A teacher from weight bytes, checked against the network for this dataset: wrong magic, another
 * network, missing or reshaped tensors all throw with what was expected. Nothing leaks on failure.
 */
export function teacherFromBytes(bytes: Uint8Array, network: Network): Teacher {
  const w = decodeWeights(bytes, network.spec.id);
  const vars = createVariables(network.spec, Rng.fromSeed(0));
  try {
    assignWeights(w, vars);
  } catch (e) {
    for (const v of [...Object.values(vars.params), ...Object.values(vars.state)]) v.dispose();
    throw e;
  }
  return { network, params: vars.params, state: vars.state };
}

export async function storedTeacher(datasetId: string, presetId: string, ds: Dataset): Promise<{ teacher: Teacher; accuracy: number; source: string } | null> {
  let rec;
  try {
    rec = await (await runStore()).getTeacher(teacherKey(datasetId, presetId));
  } catch {
    return null;
  }
  if (!rec) return null;
  return { teacher: teacherFromBytes(rec.weights, teacherNetwork(presetId, ds)), accuracy: rec.testAccuracy, source: rec.source };
}
