// Files in and out of the session: a teacher file loaded (and kept), a kept teacher forgotten,
// and the exports (student model, teacher file, run file, metrics).
import { teacherFromWeights } from '../../core/nn/teachers';
import type { Teacher } from '../../core/train/trainer';
import type { ExportKind } from '../contract';
import { build } from './build';
import { runFileEvent, studentFiles, teacherFile } from './exports';
import { disposeTeacher, type SessionCore } from './session-core';
import { keepTeacher, teacherKey, teacherNetwork } from './stored-teacher';

export async function loadTeacherFile(s: SessionCore, name: string, bytes: Uint8Array): Promise<void> {
  const config = s.config;
  const ds = s.dataset;
  if (!config || !ds) return;
  const network = teacherNetwork(config.cold.preset, ds);
  let teacher: Teacher;
  try {
    teacher = teacherFromWeights(bytes, network);
  } catch (e) {
    s.post({
      type: 'error', kind: 'file', step: s.step,
      message: `${name} is not a teacher for ${network.spec.label} on ${ds.name}: ${(e as Error).message}.`,
      advice: 'Nothing changed: the current run goes on. Load a teacher file saved from this dataset and preset.',
    });
    return;
  }
  s.stopLoop();
  if (s.teacher) disposeTeacher(s.teacher.teacher);
  const key = teacherKey(config.cold.dataset, config.cold.preset);
  s.teacher = { key, teacher, recordedAcc: NaN, source: `the teacher loaded from ${name}`, stored: true };
  const bytesCopy = bytes.slice();
  await build(s, config);
  const acc = s.distil?.trainers[0]?.teacherAccuracy ?? NaN;
  if (s.teacher) s.teacher.recordedAcc = acc;
  await keepTeacher(s.deps.store, (ev) => s.post(ev), s.step, { key, weights: bytesCopy, testAccuracy: acc, savedAt: Date.now(), source: s.teacher.source });
}

/**
 * Drops the teacher kept for this dataset and preset; the runs restart with a new teacher phase
 * (imported data) or the pretrained teacher (built-in data).
 */
export async function forgetTeacher(s: SessionCore): Promise<void> {
  const config = s.config;
  if (!config || !s.teacher?.stored) return;
  const key = s.teacher.key;
  try {
    await (await s.deps.store()).deleteTeacher(key);
  } catch (e) {
    s.post({ type: 'error', kind: 'storage', step: s.step, message: `The teacher for ${key.replace('/', ', network ')} could not be removed from the browser: ${(e as Error).message}`, advice: 'Nothing changed: the current run goes on.' });
    return;
  }
  s.stopLoop();
  disposeTeacher(s.teacher.teacher);
  s.teacher = null;
  await build(s, config);
}

export async function exportFile(s: SessionCore, what: ExportKind, runId: number): Promise<void> {
  const distil = s.distil;
  const t = distil ? (distil.trainers[runId] ?? distil.trainers[0]) : undefined;
  const ds = s.dataset;
  const fail = (message: string) => s.post({ type: 'error', kind: 'file', step: s.step, message, advice: 'Nothing was exported.' });
  if (!ds) return fail('Nothing to export yet: the lab is still starting.');
  if (what === 'teacher') {
    if (!s.teacher) return fail('The teacher is still training: stop its training (or let it finish) first.');
    return s.post(await teacherFile(s.teacher.teacher, distil?.trainers[0]?.teacherAccuracy ?? s.teacher.recordedAcc, ds, s.config!.cold.preset));
  }
  if (!t || !distil) return fail('There is no student yet: the teacher is still training.');
  const backend = s.backend?.name ?? 'unknown';
  const runName = s.record.name;
  if (what === 'student') return s.post(await studentFiles(t, ds));
  if (what === 'run-file') return s.post(runFileEvent(distil.recorders[0], backend, notes(s), runName));
  return s.post(distil.log.metricsFile(what === 'metrics-csv' ? 'csv' : 'json', distil.runs.map((r) => r.label), distil.trainers.map((tr) => tr.hints), ds.classNames, distil.recorders[0], backend, runName));
}

function notes(s: SessionCore): Record<string, string> {
  return {
    dataset: `${s.dataset?.name} (${s.config?.cold.dataset})`,
    teacher: s.teacher?.source ?? '',
    ...(s.config?.compare.length ? { compare: s.config.compare.join(',') } : {}),
  };
}
