// Teachers kept in IndexedDB per (dataset, preset): trained in the lab's teacher phase or loaded
// from a file. Weights use the serialize.ts format, the same as a saved teacher file.
import type { Dataset } from '../../core/data/dataset';
import type { Network } from '../../core/nn/network';
import { getPreset } from '../../core/nn/presets';
import { teacherFromWeights } from '../../core/nn/teachers';
import type { Teacher } from '../../core/train/trainer';
import { runStore } from './db';

export const teacherKey = (datasetId: string, presetId: string) => `${datasetId}/${presetId}`;

export function teacherNetwork(presetId: string, ds: Dataset): Network {
  return getPreset(presetId).teacher({ inputShape: [ds.height, ds.width, ds.channels], numClasses: ds.classNames.length });
}

export async function storedTeacher(datasetId: string, presetId: string, ds: Dataset): Promise<{ teacher: Teacher; accuracy: number; source: string } | null> {
  let rec;
  try {
    rec = await (await runStore()).getTeacher(teacherKey(datasetId, presetId));
  } catch {
    return null;
  }
  if (!rec) return null;
  return { teacher: teacherFromWeights(rec.weights, teacherNetwork(presetId, ds)), accuracy: rec.testAccuracy, source: rec.source };
}
