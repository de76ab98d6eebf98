// Teachers kept in IndexedDB per (dataset, preset): trained in the lab's teacher phase or loaded
// from a file. Weights use the serialize.ts format, the same as a saved teacher file.
import type { Dataset } from '../../core/data/dataset';
import type { Network } from '../../core/nn/network';
import { getPreset } from '../../core/nn/presets';
import { teacherFromWeights } from '../../core/nn/teachers';
import { StorageFullError, type RunStore, type TeacherRecord } from '../../core/storage/run-store';
import type { WorkerEvent } from '../contract';
import type { Teacher } from '../../core/train/trainer';

export const teacherKey = (datasetId: string, presetId: string) => `${datasetId}/${presetId}`;

export function teacherNetwork(presetId: string, ds: Dataset): Network {
  return getPreset(presetId).teacher({ inputShape: [ds.height, ds.width, ds.channels], numClasses: ds.classNames.length });
}

export async function storedTeacher(store: () => Promise<RunStore>, datasetId: string, presetId: string, ds: Dataset): Promise<{ teacher: Teacher; accuracy: number; source: string } | null> {
  let rec;
  try {
    rec = await (await store()).getTeacher(teacherKey(datasetId, presetId));
  } catch {
    return null;
  }
  if (!rec) return null;
  return { teacher: teacherFromWeights(rec.weights, teacherNetwork(presetId, ds)), accuracy: rec.testAccuracy, source: rec.source };
}

/** Keeps a teacher for its dataset and preset; a failure is said, and the session goes on with it. */
export async function keepTeacher(store: () => Promise<RunStore>, post: (ev: WorkerEvent) => void, step: number, rec: TeacherRecord): Promise<void> {
  try {
    await (await store()).saveTeacher(rec);
  } catch (e) {
    // A full quota's message already names the teacher and what to do.
    const message = e instanceof StorageFullError ? e.message : `The teacher for ${rec.key.replace('/', ', network ')} could not be kept in the browser: ${(e as Error).message}`;
    post({ type: 'error', kind: 'storage', step, message, advice: 'It is used for this session; save it to a file (Teacher panel) to keep it.' });
  }
}
