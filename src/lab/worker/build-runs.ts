// The student runs (the distil phase) from the dataset and teacher in place: one trainer and
// recorder per method, restored from checkpoints when a run continues, then 'ready' to the page.
import { headOf, imageSize } from '../../core/data/dataset';
import { methodSpec } from '../../core/methods/methods';
import { RunRecorder } from '../../core/runs/replay';
import type { RunEdit } from '../../core/runs/runfile';
import type { RunLog } from '../../core/runs/run-log';
import { Trainer, type TrainerCheckpoint } from '../../core/train/trainer';
import type { ProbeInfo, RunInfo } from '../contract';
import { runMethods, type LabConfig } from '../config/lab-config';
import { DistilPhase } from './distil-phase';
import { newRunKey } from './persistence';
import { RunLogs } from './run-logs';
import type { SessionCore } from './session-core';
import { gatherImages } from './trace-step';

/** What a (re)build carries over: a saved run's checkpoints, series and edits, or a run file to replay. */
export interface BuildOptions {
  resume?: TrainerCheckpoint[];
  runKey?: string;
  runName?: string;
  createdAt?: number;
  series?: RunLog[];
  edits?: RunEdit[];
  replay?: { file: string; edits: RunEdit[]; steps: number };
  /** Another tab writes this run: show it, never save it. */
  readOnly?: boolean;
}

/** Posts the refusal when `config` would not fit in memory with the dataset and teacher in place. */
export function refusedForMemory(s: SessionCore, config: LabConfig): boolean {
  const p = s.memory.problem(config, s.dataset!, s.teacher!.teacher, s.backend?.name ?? 'cpu');
  // With runs in place they go on: the page gets back the configuration they run.
  if (p) s.post({ type: 'error', kind: 'settings', step: s.step, ...p, ...(s.distil ? { config: structuredClone(s.config!) } : {}) });
  return !!p;
}

/** The student runs, from the dataset and teacher in place. */
export async function buildRuns(s: SessionCore, opts: BuildOptions): Promise<void> {
  const config = s.config!;
  const ds = s.dataset!;
  const teacher = s.teacher!;
  s.setState('loading');
  const shape: [number, number, number] = [ds.height, ds.width, ds.channels];
  // A small evaluation size also bounds the teacher's measurement, on the same test images.
  const data = headOf(ds, ds.train.count, config.cold.evalSize > 0 ? config.cold.evalSize : ds.test.count);
  const size = imageSize(ds);
  if (refusedForMemory(s, config)) {
    s.setState('stopped');
    s.postStatus();
    return;
  }
  const methods = runMethods(config);
  const trainers: Trainer[] = [];
  const recorders: RunRecorder[] = [];
  s.warmup.begin(s.backend!.name, methods.length);
  for (const [i, method] of methods.entries()) {
    s.warmup.next(`building run ${i + 1} of ${methods.length}, ${methodSpec(method).label}, and measuring the teacher`);
    const t = await Trainer.create({ config: { cold: { ...config.cold, method }, hot: config.hot }, dataset: data, teacher: teacher.teacher });
    // Every live edit goes through a recorder: it is the run's edit log (saved runs, run files).
    const rec = new RunRecorder(t);
    if (opts.edits) rec.edits.push(...opts.edits.map((e) => ({ ...e })));
    if (opts.resume?.[i]) t.restore(opts.resume[i]);
    trainers.push(t);
    recorders.push(rec);
  }
  config.hot = trainers[0].hotSettings;
  const step = trainers[0].stepsDone;
  const runs: RunInfo[] = trainers.map((t, runId) => ({
    runId,
    method: t.method.id,
    label: t.method.label,
    hints: t.hints,
    teacherAcc: t.teacherAccuracy,
    teacherRecordedAcc: teacher.recordedAcc,
    teacherSource: teacher.source,
    teacherStored: teacher.stored,
  }));
  const distil = new DistilPhase(s, trainers, recorders, new RunLogs(trainers.map((t) => t.hints), opts.series, step), runs);
  s.phase = distil;
  const id = s.record;
  id.key = opts.runKey ?? newRunKey();
  // A new record's lease is free at once; the runs left behind are let go after their last save.
  if (!opts.runKey) await id.leases.acquire(id.key, 'if-free');
  await id.saver.settled();
  id.leases.releaseAllBut(id.key);
  id.createdAt = opts.createdAt ?? Date.now();
  id.name = opts.runName ?? `${ds.name} · ${methods.map((m) => methodSpec(m).label).join(' vs ')} · seed ${config.cold.seed}`;
  const idx = trainers[0].probeIndices;
  // Probe indices point into the training split the trainer uses (the validation split held out).
  const train = trainers[0].splits.train;
  const probes: ProbeInfo = {
    indices: idx.slice(),
    labels: Int32Array.from(idx, (j) => train.labels[j]),
    thumbnails: gatherImages(train, idx, size),
    shape,
    classNames: ds.classNames.slice(),
  };
  const history = distil.log.history(recorders[0].initialHot, recorders[0].edits.filter((e) => e.step <= step));
  s.post({
    type: 'ready',
    backend: s.backend!.name,
    reason: s.backend!.reason,
    adapter: s.backend!.adapter,
    runs,
    probes,
    step,
    hot: trainers[0].hotSettings,
    config: structuredClone(config),
    dataset: { id: config.cold.dataset, name: ds.name, source: ds.source },
    runKey: id.key,
    lease: id.writable ? 'writer' : 'read-only',
    history,
  });
  if (opts.replay) distil.startReplay(opts.replay.file, opts.replay.edits, opts.replay.steps);
  s.setState('paused');
  s.postStatus();
  await distil.sendProbes();
  if (!opts.resume) await distil.checkpoint();
  else s.lastCheckpointStep = step;
}
