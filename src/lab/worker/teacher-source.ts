// Where the lab's teacher comes from. The pretrained teachers (src/core/nn/teachers.ts, reading
// public/teachers/<preset>.bin) are being added in parallel; import.meta.glob finds that module
// when it exists, so this file needs no change when it lands. Until then, and whenever the
// pretrained file cannot be loaded, a RANDOMLY INITIALISED teacher stands in, and the UI says so.
import type { Teacher } from '../../core/train/trainer';
import { createVariables } from '../../core/nn/init';
import { getPreset } from '../../core/nn/presets';
import { Rng } from '../../core/random';

type LoadTeacher = (presetId: string, read: (relPath: string) => Promise<Uint8Array>) => Promise<{ teacher: Teacher; accuracy: number }>;

const teacherModules = import.meta.glob<{ loadTeacher: LoadTeacher }>('../../core/nn/teachers.ts');

export interface LabTeacher {
  teacher: Teacher;
  /** Recorded test accuracy of the pretrained teacher; NaN for the placeholder. */
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

/** TEMPORARY: a random-init teacher, used only while no pretrained teacher can be loaded. */
export function randomInitTeacherPlaceholder(presetId: string, shape: [number, number, number], numClasses: number): Teacher {
  const network = getPreset(presetId).teacher({ inputShape: shape, numClasses });
  const v = createVariables(network.spec, Rng.fromSeed(12345));
  return { network, params: v.params, state: v.state };
}

export async function loadLabTeacher(presetId: string, baseUrl: string, shape: [number, number, number], numClasses: number): Promise<LabTeacher> {
  const loader = teacherModules['../../core/nn/teachers.ts'];
  let why = 'the pretrained-teacher loader (src/core/nn/teachers.ts) is not in this build yet';
  if (loader) {
    try {
      const { loadTeacher } = await loader();
      const { teacher, accuracy } = await loadTeacher(presetId, siteReader(baseUrl));
      return { teacher, recordedAccuracy: accuracy, source: `pretrained teacher "${presetId}"`, pretrained: true };
    } catch (e) {
      why = `the pretrained teacher could not be loaded (${(e as Error).message})`;
    }
  }
  return {
    teacher: randomInitTeacherPlaceholder(presetId, shape, numClasses),
    recordedAccuracy: NaN,
    source: `placeholder: a randomly initialised teacher, because ${why}. Distillation from it is not meaningful.`,
    pretrained: false,
  };
}
