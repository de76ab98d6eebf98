import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadTeacher, type LoadedTeacher } from '../core/nn/teachers';

/** Loads a committed pretrained teacher from public/. */
export function loadTeacherFromDisk(presetId: string, root = 'public'): Promise<LoadedTeacher> {
  return loadTeacher(presetId, async (rel) => new Uint8Array(await readFile(join(root, rel))));
}
