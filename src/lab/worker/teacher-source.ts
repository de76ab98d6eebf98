// Where the lab's teacher comes from: the pretrained teachers committed under public/teachers/
// (src/core/nn/teachers.ts). A teacher that cannot be loaded is an error the page shows: a
// random stand-in would make distillation meaningless.
import type { Teacher } from '../../core/train/trainer';
import { loadTeacher } from '../../core/nn/teachers';

export interface LabTeacher {
  teacher: Teacher;
  /** Recorded test accuracy of the pretrained teacher. */
  recordedAccuracy: number;
  /** Plain-language origin, shown in the UI. */
  source: string;
  pretrained: boolean;
}

/** Reads files under the site root; accepts "teachers/cnn.bin" or "cnn.bin". */
function siteReader(baseUrl: string) {
  const base = baseUrl.endsWith('/') ? baseUrl : baseUrl + '/';
  const get = async (rel: string) => {
    const res = await fetch(base + rel);
    if (!res.ok) throw new Error(`Could not load ${base + rel}: HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  };
  return async (rel: string) => {
    const clean = rel.replace(/^\/+/, '');
    try {
      return await get(clean);
    } catch (e) {
      if (clean.startsWith('teachers/')) throw e;
      return get(`teachers/${clean}`);
    }
  };
}

export async function loadLabTeacher(presetId: string, baseUrl: string, shape: [number, number, number], numClasses: number): Promise<LabTeacher> {
  try {
    const { teacher, accuracy } = await loadTeacher(presetId, siteReader(baseUrl));
    const [h, w, c] = teacher.network.spec.inputShape;
    if (h !== shape[0] || w !== shape[1] || c !== shape[2] || teacher.network.spec.numClasses !== numClasses) {
      throw new Error(`it was trained for ${h}×${w}×${c} images with ${teacher.network.spec.numClasses} classes, not this dataset's`);
    }
    return { teacher, recordedAccuracy: accuracy, source: `pretrained teacher "${presetId}"`, pretrained: true };
  } catch (e) {
    throw new Error(`The pretrained teacher for preset "${presetId}" could not be loaded: ${(e as Error).message}. Reload the page; if it persists, remake the teachers with npm run make:teachers.`);
  }
}
