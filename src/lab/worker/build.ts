// (Re)building the session for a configuration (a cold change, a saved run, a run file): the
// dataset, then the teacher (kept, pretrained, or trained first in a teacher phase), then the
// student runs (build-runs.ts).
import { validateLabConfig, BUILTIN_DATASET, type LabConfig } from '../config/lab-config';
import { buildRuns, refusedForMemory, type BuildOptions } from './build-runs';
import { disposeTeacher, type SessionCore } from './session-core';
import { keepTeacher, storedTeacher, teacherKey } from './stored-teacher';
import { TeacherPhase, TeacherPhaseRun } from './teacher-phase';

export async function build(s: SessionCore, config: LabConfig, opts: BuildOptions = {}): Promise<void> {
  const problems = validateLabConfig(config);
  if (problems.length) {
    s.post({ type: 'error', kind: 'settings', step: s.step, message: problems.join('; '), advice: 'Nothing was changed.' });
    s.postStatus();
    return;
  }
  // Same data and teacher: a run that would not fit is refused before the current one is touched.
  if (s.distil && s.dataset && s.config?.cold.dataset === config.cold.dataset && s.teacher?.key === teacherKey(config.cold.dataset, config.cold.preset) && refusedForMemory(s, config)) {
    s.postStatus();
    return;
  }
  // The run being replaced keeps its last seconds.
  await s.distil?.save();
  s.phase?.dispose();
  s.phase = null;
  s.post({ type: 'teacher-phase', phase: null });
  s.setState('loading');
  s.postStatus();
  s.gate.reset();
  let ds;
  try {
    s.post({ type: 'progress', phase: 'Loading the dataset…' });
    ds = await s.deps.loadDataset(config.cold.dataset);
  } catch (e) {
    if (config.cold.dataset === BUILTIN_DATASET) throw e;
    s.post({ type: 'error', kind: 'settings', step: 0, message: `${(e as Error).message}.`, advice: 'The lab uses the built-in Fashion-MNIST instead. Import the dataset again to use it.' });
    config = { ...config, cold: { ...config.cold, dataset: BUILTIN_DATASET } };
    ds = await s.deps.loadDataset(BUILTIN_DATASET);
    // Checkpoints, series and edits of a run on the missing data do not fit this one: a new run.
    opts = {};
  }
  s.config = structuredClone(config);
  s.dataset = ds;
  s.record.writable = !opts.readOnly;
  const key = teacherKey(config.cold.dataset, config.cold.preset);
  if (s.teacher?.key !== key) {
    if (s.teacher) disposeTeacher(s.teacher.teacher);
    s.teacher = null;
    s.post({ type: 'progress', phase: 'Loading the teacher…' });
    const stored = await storedTeacher(s.deps.store, config.cold.dataset, config.cold.preset, ds).catch(() => null);
    if (stored) s.teacher = { key, teacher: stored.teacher, recordedAcc: stored.accuracy, source: stored.source, stored: true };
    else if (config.cold.dataset === BUILTIN_DATASET) {
      const t = await s.deps.pretrainedTeacher(config.cold.preset, [ds.height, ds.width, ds.channels], ds.classNames.length);
      s.teacher = { key, teacher: t.teacher, recordedAcc: t.recordedAccuracy, source: t.source, stored: false };
    } else {
      // An imported dataset with no teacher yet: train one first, as its own phase.
      const run = new TeacherPhaseRun(config.cold.preset, ds, config.cold.seed, config.teacherSteps, config.cold.batchSize);
      const phase: TeacherPhase = new TeacherPhase(s, run, () => finishTeacher(s, phase, opts));
      s.phase = phase;
      s.post({ type: 'teacher-phase', phase: run.info('training') });
      s.setState('paused');
      s.postStatus();
      return;
    }
  }
  await buildRuns(s, opts);
}

/** Ends the teacher phase: measure, keep (IndexedDB), then build the student runs from it. */
async function finishTeacher(s: SessionCore, phase: TeacherPhase, afterTeacher: BuildOptions) {
  const tp = phase.run;
  const config = s.config!;
  const ds = s.dataset!;
  const gen = s.generation;
  const wasRunning = s.runState === 'running';
  await phase.flush();
  s.post({ type: 'progress', phase: 'Measuring the teacher…' });
  const acc = await tp.evaluate(config.cold.evalSize);
  s.post({ type: 'teacher-eval', step: tp.steps, testAcc: acc });
  const info = tp.info('done');
  // finish() frees the phase's trainer: the phase is over (not disposed again).
  const { teacher, bytes } = await tp.finish(acc);
  s.phase = null;
  const key = teacherKey(config.cold.dataset, config.cold.preset);
  const source = `a teacher trained here for ${info.step} steps on ${ds.name}`;
  // An untrained teacher (stopped at step 0) serves this session but is not kept for the dataset.
  const keep = info.step > 0;
  s.teacher = { key, teacher, recordedAcc: acc, source, stored: keep };
  s.post({ type: 'teacher-phase', phase: info });
  if (keep) await keepTeacher(s.deps.store, (ev) => s.post(ev), s.step, { key, weights: bytes, testAccuracy: acc, savedAt: Date.now(), source });
  await buildRuns(s, afterTeacher);
  // A phase stopped (or ended) while training goes on into distillation by itself. A new loop:
  // the old one may have seen the 'loading' state of buildRuns and ended.
  if (wasRunning && gen === s.generation && !s.failed) s.start();
}
