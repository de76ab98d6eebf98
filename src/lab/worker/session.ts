// The worker's training session: owns the backend, the dataset, the teacher and one trainer per
// run (several in compare mode, stepped in lockstep on identical batches: same seed, same data
// stream). Everything that touches tfjs runs one at a time through `exclusive`, so a command
// never lands in the middle of a step.
import type * as tf from '@tensorflow/tfjs';
import { headOf, imageSize, type Dataset } from '../../core/data/dataset';
import { methodSpec } from '../../core/methods/methods';
import { editLabel, EditSchedule } from '../../core/runs/edit-schedule';
import { editToPartial, RunRecorder } from '../../core/runs/replay';
import { parseRunFile, RunFileError, type RunEdit } from '../../core/runs/runfile';
import { StorageFullError, type RunRecord } from '../../core/storage/run-store';
import { RunLeases } from '../../core/storage/run-lease';
import { DivergedError, SettingsError } from '../../core/train/errors';
import { validateHot, withLegacy, type HotSettings } from '../../core/settings';
import type { StepReport } from '../../core/train/report';
import { gatherImages, tracedStep } from './trace-step';
import type { RunLog } from '../../core/runs/run-log';
import { Trainer, type Teacher, type TrainerCheckpoint } from '../../core/train/trainer';
import { MAX_PROBE_SNAPSHOTS, type Command, type ExportKind, type ProbeInfo, type RunHistory, type RunInfo, type RunState, type WorkerEvent } from '../contract';
import { BUILTIN_DATASET, defaultLabConfig, runMethods, validateLabConfig, type LabConfig } from '../config/lab-config';
import { chooseBackend, webgpuDevice, type BackendChoice } from './backend';
import { CreditGate } from './credit';
import { loadDataset } from './datasets';
import { runStore } from './db';
import { metricsEvent, predict, runFileEvent, studentFiles, teacherFile } from './exports';
import { RunLogs } from './run-logs';
import { clampEdits } from './rollback';
import { RunSaver } from './run-saver';
import { storedTeacher, teacherKey, teacherNetwork } from './stored-teacher';
import { teacherFromWeights } from '../../core/nn/teachers';
import { loadLabTeacher } from './teacher-source';
import { MemoryGuard } from './memory-guard';
import { TeacherPhaseRun } from './teacher-phase';
import { WarmupProgress } from './warmup-progress';
import { yieldToEventLoop } from './yield';
import { TEST_BUILD } from '../test-build';

const EXPORT_NAMES: Record<ExportKind, string> = {
  student: 'student model', teacher: 'teacher file', 'run-file': 'run file', 'metrics-csv': 'metrics CSV', 'metrics-json': 'metrics JSON',
};

/** Coalesce step reports into one metrics event at most this often. */
export const FLUSH_MS = 150;
/** Metrics chunks the page may leave un-acked before the worker stops stepping. */
export const MAX_UNACKED = 3;
const now = () => performance.now();

function disposeTeacher(t: Teacher) {
  for (const v of [...Object.values(t.params), ...Object.values(t.state)]) (v as tf.Tensor).dispose();
}

interface ActiveTeacher {
  /** `${dataset}/${preset}` */
  key: string;
  teacher: Teacher;
  recordedAcc: number;
  source: string;
  /** Kept in IndexedDB for this dataset and preset (trained here or loaded from a file). */
  stored: boolean;
}

/** What a (re)build carries over: a saved run's checkpoints, series and edits, or a run file to replay. */
interface BuildOptions {
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

const newRunKey = () => `run-${Date.now().toString(36)}-${Math.floor(Math.random() * 36 ** 4).toString(36)}`;

export class Session {
  private config: LabConfig | null = null;
  private backend: BackendChoice | null = null;
  private dataset: Dataset | null = null;
  private teacher: ActiveTeacher | null = null;
  private teacherPhase: TeacherPhaseRun | null = null;
  /** The build to finish once the teacher phase ends. */
  private afterTeacher: BuildOptions = {};
  private trainers: Trainer[] = [];
  private recorders: RunRecorder[] = [];
  private logs = new RunLogs([]);
  private runKey = '';
  private runName = '';
  private createdAt = 0;
  private replay: { file: string; schedule: EditSchedule; steps: number; edits: number } | null = null;
  private replayEditId = 0;
  /** The last step diverged (saved as the run's status). */
  private diverged = false;
  private readonly saver = new RunSaver(runStore);
  /** One writer per saved run across tabs; false while this run is shown read-only. */
  private writable = true;
  private readonly leases = new RunLeases(globalThis.navigator?.locks ?? null, (key) => this.leaseLost(key));
  private runs: RunInfo[] = [];
  private state: RunState = 'loading';
  private failed = false;
  private generation = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly gate = new CreditGate(MAX_UNACKED);
  private lastFlush = 0;
  private lastCheckpointStep = -1;
  private stepsSinceFlush = 0;
  private stepsPerSec = 0;
  private probesDue = false;
  private evalDue = false;
  private failNextStep = false;
  private readonly memory = new MemoryGuard();
  /** Set when the WebGPU device was destroyed: pending reads then fail with buffer errors. */
  private deviceLost = false;
  private readonly warmup = new WarmupProgress((ev) => this.post(ev));

  constructor(
    private readonly post: (ev: WorkerEvent) => void,
    private readonly baseUrl: string,
  ) {}

  handle(cmd: Command): void {
    switch (cmd.type) {
      case 'init':
        void this.exclusive(() => this.init(cmd.config, cmd.resume?.checkpoints, cmd.resume?.runKey));
        break;
      case 'start':
        this.start();
        break;
      case 'pause':
        this.pause();
        break;
      case 'step':
        if (this.state !== 'running' && !this.refusedReadOnly()) void this.exclusive(() => this.stepAll(true));
        break;
      case 'trace-step':
        // Paused runs only: the traced step is the run's next step, committed like a single step.
        if (this.state === 'paused' && !this.teacherPhase && !this.refusedReadOnly()) void this.exclusive(() => this.stepAll(true, cmd.runId));
        break;
      case 'reset':
        this.stopLoop('paused');
        void this.exclusive(() => this.build(cmd.config));
        break;
      case 'set-hot':
        void this.exclusive(async () => this.setHot(cmd.editId, cmd.hot));
        break;
      case 'evaluate':
        void this.exclusive(() => this.evaluateAll());
        break;
      case 'ack':
        this.gate.ack(cmd.seq);
        break;
      case 'checkpoint':
        void this.exclusive(() => this.sendCheckpoint());
        break;
      case 'debug':
        if (!TEST_BUILD) break;
        if (cmd.action === 'memory-budget') this.memory.override = cmd.bytes;
        else if (cmd.action === 'stall-start') this.warmup.stallNextPass(cmd.ms);
        else this.simulateLostDevice();
        break;
      case 'open-run':
        void this.exclusive(async () => void (await this.openRun(cmd.id, cmd.backend)));
        break;
      case 'take-over':
        void this.exclusive(async () => void (await this.openRun(cmd.id, cmd.backend, false, 'steal')));
        break;
      case 'train-copy':
        void this.exclusive(() => this.trainCopy());
        break;
      case 'forget-teacher':
        void this.exclusive(() => this.forgetTeacher());
        break;
      case 'stop-teacher':
        void this.exclusive(async () => {
          if (this.teacherPhase) await this.finishTeacher();
        });
        break;
      case 'load-teacher':
        void this.exclusive(() => this.loadTeacherFile(cmd.name, cmd.bytes));
        break;
      case 'export':
        void this.exclusive(async () => {
          try {
            await this.exportFile(cmd.what, cmd.runId);
          } catch (e) {
            // A lost device still stops the lab; anything else only fails this export.
            if (this.deviceLost) throw e;
            this.post({ type: 'error', kind: 'file', step: this.step, message: `The ${EXPORT_NAMES[cmd.what]} could not be exported: ${(e as Error)?.message ?? e}.`, advice: 'Nothing was exported; training is unaffected.' });
          }
        });
        break;
      case 'open-run-file':
        void this.exclusive(() => this.openRunFile(cmd.name, cmd.text));
        break;
      case 'predict':
        void this.exclusive(async () => {
          const t = this.trainers[cmd.runId];
          if (!t || !this.dataset) return this.post({ type: 'predictions', requestId: cmd.requestId, logits: new Float32Array(0), error: 'no student yet' });
          try {
            this.post({ type: 'predictions', requestId: cmd.requestId, logits: await predict(t, this.dataset, cmd.images, cmd.count) });
          } catch (e) {
            this.post({ type: 'predictions', requestId: cmd.requestId, logits: new Float32Array(0), error: (e as Error).message });
          }
        });
        break;
    }
  }

  private exclusive(fn: () => Promise<void> | void): Promise<void> {
    const p = this.queue.then(async () => {
      if (this.failed) return;
      try {
        await fn();
      } catch (e) {
        this.backendFailed(e);
      }
    });
    this.queue = p;
    return p;
  }

  private get step(): number {
    return this.trainers[0]?.stepsDone ?? 0;
  }

  private postStatus() {
    this.post({ type: 'status', state: this.state, step: this.step });
  }

  private async init(config: LabConfig, resume?: TrainerCheckpoint[], runKey?: string) {
    try {
      this.post({ type: 'progress', phase: 'Starting the TensorFlow.js backend…' });
      this.backend = await chooseBackend(config.backend);
      webgpuDevice()?.lost.then((info) => {
        this.deviceLost = true;
        this.backendFailed(new Error(`the WebGPU device was lost (${[info.reason, info.message].filter(Boolean).join(': ') || 'no reason given'})`));
      });
      this.post({ type: 'progress', phase: 'Loading the dataset…' });
      await loadDataset(config.cold.dataset, this.baseUrl).catch(() => loadDataset(BUILTIN_DATASET, this.baseUrl));
    } catch (e) {
      this.failed = true;
      this.state = 'stopped';
      this.post({
        type: 'error', kind: 'init', step: 0,
        message: `The lab could not start: ${(e as Error).message}`,
        advice: 'Reload the page. If it fails again, choose another backend in the Backend menu.',
      });
      return;
    }
    // A saved run continues with its series and edit log; otherwise from the page's checkpoint.
    // The page's own run (its old worker, just ended, may not have let go of it yet).
    if (runKey && (await this.openRun(runKey, config.backend, true, 'steal'))) return;
    await this.build(config, { resume });
  }

  /** (Re)creates the runs for a configuration; a cold change lands here. */
  private async build(config: LabConfig, opts: BuildOptions = {}) {
    const problems = validateLabConfig(config);
    if (problems.length) {
      this.post({ type: 'error', kind: 'settings', step: this.step, message: problems.join('; '), advice: 'Nothing was changed.' });
      this.postStatus();
      return;
    }
    // Same data and teacher: a run that would not fit is refused before the current one is touched.
    if (this.trainers.length && this.dataset && this.config?.cold.dataset === config.cold.dataset && this.teacher?.key === teacherKey(config.cold.dataset, config.cold.preset) && this.refusedForMemory(config)) {
      this.postStatus();
      return;
    }
    // The run being replaced keeps its last seconds.
    await this.saveRun();
    for (const t of this.trainers) t.dispose();
    this.trainers = [];
    this.recorders = [];
    this.teacherPhase?.dispose();
    this.teacherPhase = null;
    this.post({ type: 'teacher-phase', phase: null });
    this.replay = null;
    this.state = 'loading';
    this.postStatus();
    this.gate.reset();
    let ds: Dataset;
    try {
      this.post({ type: 'progress', phase: 'Loading the dataset…' });
      ds = await loadDataset(config.cold.dataset, this.baseUrl);
    } catch (e) {
      if (config.cold.dataset === BUILTIN_DATASET) throw e;
      this.post({ type: 'error', kind: 'settings', step: 0, message: `${(e as Error).message}.`, advice: 'The lab uses the built-in Fashion-MNIST instead. Import the dataset again to use it.' });
      config = { ...config, cold: { ...config.cold, dataset: BUILTIN_DATASET } };
      ds = await loadDataset(BUILTIN_DATASET, this.baseUrl);
      // Checkpoints, series and edits of a run on the missing data do not fit this one: a new run.
      opts = {};
    }
    this.config = structuredClone(config);
    this.dataset = ds;
    this.writable = !opts.readOnly;
    const key = teacherKey(config.cold.dataset, config.cold.preset);
    if (this.teacher?.key !== key) {
      if (this.teacher) disposeTeacher(this.teacher.teacher);
      this.teacher = null;
      this.post({ type: 'progress', phase: 'Loading the teacher…' });
      const stored = await storedTeacher(config.cold.dataset, config.cold.preset, ds).catch(() => null);
      if (stored) this.teacher = { key, teacher: stored.teacher, recordedAcc: stored.accuracy, source: stored.source, stored: true };
      else if (config.cold.dataset === BUILTIN_DATASET) {
        const t = await loadLabTeacher(config.cold.preset, this.baseUrl, [ds.height, ds.width, ds.channels], ds.classNames.length);
        this.teacher = { key, teacher: t.teacher, recordedAcc: t.recordedAccuracy, source: t.source, stored: false };
      } else {
        // An imported dataset with no teacher yet: train one first, as its own phase.
        this.teacherPhase = new TeacherPhaseRun(config.cold.preset, ds, config.cold.seed, config.teacherSteps, config.cold.batchSize);
        this.afterTeacher = opts;
        this.post({ type: 'teacher-phase', phase: this.teacherPhase.info('training') });
        this.state = 'paused';
        this.postStatus();
        return;
      }
    }
    await this.buildRuns(opts);
  }

  /** Posts the refusal when `config` would not fit in memory with the dataset and teacher in place. */
  private refusedForMemory(config: LabConfig): boolean {
    const p = this.memory.problem(config, this.dataset!, this.teacher!.teacher, this.backend?.name ?? 'cpu');
    // With runs in place they go on: the page gets back the configuration they run.
    if (p) this.post({ type: 'error', kind: 'settings', step: this.step, ...p, ...(this.trainers.length ? { config: structuredClone(this.config!) } : {}) });
    return !!p;
  }

  /** The student runs, from the dataset and teacher in place. */
  private async buildRuns(opts: BuildOptions) {
    const config = this.config!;
    const ds = this.dataset!;
    const teacher = this.teacher!;
    this.state = 'loading';
    const shape: [number, number, number] = [ds.height, ds.width, ds.channels];
    // A small evaluation size also bounds the teacher's measurement, on the same test images.
    const data = headOf(ds, ds.train.count, config.cold.evalSize > 0 ? config.cold.evalSize : ds.test.count);
    const size = imageSize(ds);
    if (this.refusedForMemory(config)) {
      this.state = 'stopped';
      this.postStatus();
      return;
    }
    const methods = runMethods(config);
    this.warmup.begin(this.backend!.name, methods.length);
    for (const [i, method] of methods.entries()) {
      this.warmup.next(`building run ${i + 1} of ${methods.length}, ${methodSpec(method).label}, and measuring the teacher`);
      const t = await Trainer.create({ config: { cold: { ...config.cold, method }, hot: config.hot }, dataset: data, teacher: teacher.teacher });
      // Every live edit goes through a recorder: it is the run's edit log (saved runs, run files).
      const rec = new RunRecorder(t);
      if (opts.edits) rec.edits.push(...opts.edits.map((e) => ({ ...e })));
      if (opts.resume?.[i]) t.restore(opts.resume[i]);
      this.trainers.push(t);
      this.recorders.push(rec);
    }
    config.hot = this.trainers[0].hotSettings;
    const step = this.step;
    this.logs = new RunLogs(this.trainers.map((t) => t.hints), opts.series, step);
    this.runKey = opts.runKey ?? newRunKey();
    // A new record's lease is free at once; the runs left behind are let go after their last save.
    if (!opts.runKey) await this.leases.acquire(this.runKey, 'if-free');
    await this.saver.settled();
    this.leases.releaseAllBut(this.runKey);
    this.createdAt = opts.createdAt ?? Date.now();
    this.runName = opts.runName ?? `${ds.name} · ${methods.map((m) => methodSpec(m).label).join(' vs ')} · seed ${config.cold.seed}`;
    this.runs = this.trainers.map((t, runId) => ({
      runId,
      method: t.method.id,
      label: t.method.label,
      hints: t.hints,
      teacherAcc: t.teacherAccuracy,
      teacherRecordedAcc: teacher.recordedAcc,
      teacherSource: teacher.source,
      teacherStored: teacher.stored,
    }));
    const idx = this.trainers[0].probeIndices;
    // Probe indices point into the training split the trainer uses (the validation split held out).
    const train = this.trainers[0].splits.train;
    const thumbnails = gatherImages(train, idx, size);
    const probes: ProbeInfo = {
      indices: idx.slice(),
      labels: Int32Array.from(idx, (j) => train.labels[j]),
      thumbnails,
      shape,
      classNames: ds.classNames.slice(),
    };
    let history: RunHistory | undefined;
    if (opts.series) {
      history = {
        chunks: this.logs.all(),
        evals: this.logs.logs.flatMap((s, runId) => s.evals.map((e) => ({ runId, step: e.step, testAcc: e.testAcc, testLoss: e.testLoss, perClassAcc: Float32Array.from(e.perClassAcc) }))),
        edits: this.recorders[0].edits.filter((e) => e.step <= step),
        probes: this.logs.logs.flatMap((s, runId) => s.probes.map((p) => ({ runId, step: p.step, v: Float32Array.from(p.v), vt: Float32Array.from(p.vt),
          // Runs saved before the step of each ṽ was kept: unknown (−1, as for a probe never seen).
          vtStep: p.vtStep ? Int32Array.from(p.vtStep) : new Int32Array(p.indices.length).fill(-1),
          losses: Float32Array.from(p.losses), preds: Int32Array.from(p.preds) }))),
      };
    }
    this.post({
      type: 'ready',
      backend: this.backend!.name,
      reason: this.backend!.reason,
      adapter: this.backend!.adapter,
      runs: this.runs,
      probes,
      step,
      hot: this.trainers[0].hotSettings,
      config: structuredClone(config),
      dataset: { id: config.cold.dataset, name: ds.name, source: ds.source },
      runKey: this.runKey,
      lease: this.writable ? 'writer' : 'read-only',
      history,
    });
    if (opts.replay) {
      this.replay = { file: opts.replay.file, schedule: new EditSchedule(opts.replay.edits), steps: opts.replay.steps, edits: opts.replay.edits.length };
      this.post({ type: 'replay', file: opts.replay.file, steps: opts.replay.steps, edits: opts.replay.edits.length, state: 'running' });
    }
    this.state = 'paused';
    this.postStatus();
    await this.sendProbes();
    if (!opts.resume) await this.sendCheckpoint();
    else this.lastCheckpointStep = this.step;
  }

  /** Reopens a saved run from IndexedDB. Returns false (after saying why, unless quiet) when it cannot. */
  private async openRun(id: string, backend = this.config?.backend ?? 'auto', quiet = false, how: 'if-free' | 'steal' = 'if-free'): Promise<boolean> {
    // The lease first: a take-over reads the record only after the other tab's last save.
    if (how === 'steal') this.post({ type: 'progress', phase: 'Taking the run over: the other tab saves its last steps…' });
    const lease = await this.leases.acquire(id, how);
    if (lease === 'timeout') {
      if (!quiet) this.openFailed('The other tab did not hand the run over within 20 seconds (it may be busy or frozen). Try Take over again.');
      return false;
    }
    const dropLease = () => lease === 'writer' && id !== this.runKey && this.leases.release(id);
    let rec: RunRecord | undefined;
    let ck: Awaited<ReturnType<Awaited<ReturnType<typeof runStore>>['checkpoint']>>;
    try {
      const store = await runStore();
      rec = await store.get(id);
      ck = await store.checkpoint(id);
    } catch (e) {
      dropLease();
      if (!quiet) this.openFailed(`Could not read the saved run ${id}: ${(e as Error).message}`);
      return false;
    }
    if (!rec) {
      dropLease();
      if (!quiet) this.openFailed(`The saved run ${id} is not in this browser any more (deleted in another tab?).`);
      return false;
    }
    this.stopLoop('paused');
    const lab = (rec.extra?.lab ?? {}) as { compare?: LabConfig['compare']; teacherSteps?: number };
    // A run saved before a setting existed gets the setting's legacy value (how it ran then).
    const config: LabConfig = { ...defaultLabConfig(), cold: withLegacy(rec.config.cold), hot: rec.config.hot, compare: lab.compare ?? [], backend, teacherSteps: lab.teacherSteps ?? defaultLabConfig().teacherSteps };
    const checkpoints = ck ? [ck.checkpoint, ...(ck.others ?? [])] : undefined;
    const series = [rec.series, ...((rec.extra?.series as RunLog[] | undefined) ?? [])];
    // build() saves the run being replaced first. Without a checkpoint the run starts over as a
    // new record, so the saved one is not overwritten by a run that has lost its past.
    await this.build(
      config,
      checkpoints
        ? { resume: checkpoints, runKey: rec.id, runName: rec.name, createdAt: rec.createdAt, series, edits: rec.edits, readOnly: lease !== 'writer' }
        : { runName: `${rec.name} (restarted: no checkpoint was saved)` },
    );
    return true;
  }

  /** A saved run could not be opened: say why; the page, waiting for it, gets the state back. */
  private openFailed(message: string) {
    this.post({ type: 'error', kind: 'storage', step: this.step, message, advice: 'The current run goes on unchanged.' });
    this.postStatus();
  }

  private async openRunFile(name: string, text: string) {
    let run;
    try {
      run = parseRunFile(text, name);
    } catch (e) {
      const msg = e instanceof RunFileError ? e.message : `${name}: ${(e as Error).message}`;
      this.post({ type: 'error', kind: 'file', step: this.step, message: msg, advice: 'Nothing changed: the current run goes on.' });
      return;
    }
    this.stopLoop('paused');
    const base = this.config ?? defaultLabConfig();
    const config: LabConfig = { ...base, cold: run.config.cold, hot: run.config.hot, compare: [] };
    await this.build(config, { replay: { file: name, edits: run.edits, steps: run.steps }, runName: `Replay of ${name}` });
    // Opening a run file means "replay it": it plays to the recorded end, then pauses.
    if (this.replay) this.start();
  }

  private async loadTeacherFile(name: string, bytes: Uint8Array) {
    const config = this.config;
    const ds = this.dataset;
    if (!config || !ds) return;
    const network = teacherNetwork(config.cold.preset, ds);
    let teacher: Teacher;
    try {
      teacher = teacherFromWeights(bytes, network);
    } catch (e) {
      this.post({
        type: 'error', kind: 'file', step: this.step,
        message: `${name} is not a teacher for ${network.spec.label} on ${ds.name}: ${(e as Error).message}.`,
        advice: 'Nothing changed: the current run goes on. Load a teacher file saved from this dataset and preset.',
      });
      return;
    }
    this.stopLoop('paused');
    if (this.teacher) disposeTeacher(this.teacher.teacher);
    const key = teacherKey(config.cold.dataset, config.cold.preset);
    this.teacher = { key, teacher, recordedAcc: NaN, source: `the teacher loaded from ${name}`, stored: true };
    const bytesCopy = bytes.slice();
    await this.build(config);
    const acc = this.trainers[0]?.teacherAccuracy ?? NaN;
    if (this.teacher) this.teacher.recordedAcc = acc;
    await this.storeTeacher({ key, weights: bytesCopy, testAccuracy: acc, savedAt: Date.now(), source: this.teacher.source });
  }

  /**
   * Drops the teacher kept for this dataset and preset; the runs restart with a new teacher phase
   * (imported data) or the pretrained teacher (built-in data).
   */
  private async forgetTeacher() {
    const config = this.config;
    if (!config || !this.teacher?.stored) return;
    const key = this.teacher.key;
    try {
      await (await runStore()).deleteTeacher(key);
    } catch (e) {
      this.post({ type: 'error', kind: 'storage', step: this.step, message: `The teacher for ${key.replace('/', ', network ')} could not be removed from the browser: ${(e as Error).message}`, advice: 'Nothing changed: the current run goes on.' });
      return;
    }
    this.stopLoop('paused');
    disposeTeacher(this.teacher.teacher);
    this.teacher = null;
    await this.build(config);
  }

  private async storeTeacher(rec: Parameters<Awaited<ReturnType<typeof runStore>>['saveTeacher']>[0]) {
    try {
      await (await runStore()).saveTeacher(rec);
    } catch (e) {
      // A full quota's message already names the teacher and what to do.
      const message = e instanceof StorageFullError ? e.message : `The teacher for ${rec.key.replace('/', ', network ')} could not be kept in the browser: ${(e as Error).message}`;
      this.post({ type: 'error', kind: 'storage', step: this.step, message, advice: 'It is used for this session; save it to a file (Teacher panel) to keep it.' });
    }
  }

  private async exportFile(what: ExportKind, runId: number) {
    const t = this.trainers[runId] ?? this.trainers[0];
    const ds = this.dataset;
    const fail = (message: string) => this.post({ type: 'error', kind: 'file', step: this.step, message, advice: 'Nothing was exported.' });
    if (!ds) return fail('Nothing to export yet: the lab is still starting.');
    if (what === 'teacher') {
      if (!this.teacher) return fail('The teacher is still training: stop its training (or let it finish) first.');
      return this.post(await teacherFile(this.teacher.teacher, this.trainers[0]?.teacherAccuracy ?? this.teacher.recordedAcc, ds, this.config!.cold.preset));
    }
    if (!t) return fail('There is no student yet: the teacher is still training.');
    const backend = this.backend?.name ?? 'unknown';
    if (what === 'student') return this.post(await studentFiles(t, ds));
    if (what === 'run-file') return this.post(runFileEvent(this.recorders[0], backend, this.notes(), this.runName));
    return this.post(metricsEvent(what === 'metrics-csv' ? 'csv' : 'json', this.logs.logs, this.runs.map((r) => r.label), this.trainers.map((tr) => tr.hints), ds.classNames, this.recorders[0], backend, this.runName));
  }

  private notes(): Record<string, string> {
    return {
      dataset: `${this.dataset?.name} (${this.config?.cold.dataset})`,
      teacher: this.teacher?.source ?? '',
      ...(this.config?.compare.length ? { compare: this.config.compare.join(',') } : {}),
    };
  }

  /** Ends the teacher phase: measure, keep (IndexedDB), then build the student runs from it. */
  private async finishTeacher() {
    const tp = this.teacherPhase!;
    const config = this.config!;
    const ds = this.dataset!;
    const gen = this.generation;
    const wasRunning = this.state === 'running';
    this.flushTeacher();
    this.post({ type: 'progress', phase: 'Measuring the teacher…' });
    const acc = await tp.evaluate(config.cold.evalSize);
    this.post({ type: 'teacher-eval', step: tp.steps, testAcc: acc });
    const info = tp.info('done');
    const { teacher, bytes } = await tp.finish(acc);
    this.teacherPhase = null;
    const key = teacherKey(config.cold.dataset, config.cold.preset);
    const source = `a teacher trained here for ${info.step} steps on ${ds.name}`;
    // An untrained teacher (stopped at step 0) serves this session but is not kept for the dataset.
    const keep = info.step > 0;
    this.teacher = { key, teacher, recordedAcc: acc, source, stored: keep };
    this.post({ type: 'teacher-phase', phase: info });
    if (keep) await this.storeTeacher({ key, weights: bytes, testAccuracy: acc, savedAt: Date.now(), source });
    await this.buildRuns(this.afterTeacher);
    this.afterTeacher = {};
    // A phase stopped (or ended) while training goes on into distillation by itself. A new loop:
    // the old one may have seen the 'loading' state of buildRuns and ended.
    if (wasRunning && gen === this.generation && !this.failed) this.start();
  }

  private flushTeacher() {
    const tp = this.teacherPhase;
    if (!tp) return;
    const rows = tp.takeRows();
    this.lastFlush = now();
    if (rows) this.post({ type: 'teacher-metrics', seq: this.gate.next(), rows });
    this.post({ type: 'teacher-phase', phase: tp.info('training') });
  }

  private async stepTeacher(single: boolean) {
    const tp = this.teacherPhase!;
    const cold = this.config!.cold;
    try {
      await tp.trainStep();
    } catch (e) {
      if (!(e instanceof DivergedError)) throw e;
      this.stopLoop('paused');
      this.state = 'paused';
      this.flushTeacher();
      this.postStatus();
      this.post({ type: 'error', kind: 'diverged', step: 0, message: `The teacher's training diverged at step ${tp.steps}.`, advice: 'Stop the teacher phase to distil from it as it is, or reset with a smaller batch or another seed.' });
      return;
    }
    if (single || now() - this.lastFlush >= FLUSH_MS) this.flushTeacher();
    if (cold.evalEvery > 0 && tp.steps % cold.evalEvery === 0 && !tp.done) this.post({ type: 'teacher-eval', step: tp.steps, testAcc: await tp.evaluate(cold.evalSize) });
    if (tp.done) await this.finishTeacher();
    else if (single) this.postStatus();
  }

  private start() {
    if (this.failed || this.state !== 'paused' || (!this.trainers.length && !this.teacherPhase) || this.refusedReadOnly()) return;
    this.state = 'running';
    this.postStatus();
    this.lastFlush = now();
    this.stepsSinceFlush = 0;
    void this.loop(++this.generation);
  }

  private stopLoop(state: RunState) {
    this.generation++;
    if (this.state === 'running') this.state = state;
    this.gate.release();
  }

  private pause() {
    if (this.state !== 'running') return;
    this.stopLoop('paused');
    void this.exclusive(async () => {
      this.flushTeacher();
      await this.flush();
      this.postStatus();
      await this.sendCheckpoint();
    });
  }

  private async loop(gen: number) {
    const live = () => gen === this.generation && this.state === 'running' && !this.failed;
    while (live()) {
      await this.gate.wait();
      if (!live()) break;
      await this.exclusive(async () => {
        if (live()) await this.stepAll(false);
      });
      await yieldToEventLoop();
    }
  }

  /** One step of every run; run `traceRun` (a single step only) takes it with its stages traced. */
  private async stepAll(single: boolean, traceRun = -1) {
    if (this.state === 'loading') return;
    if (this.teacherPhase) return this.stepTeacher(single);
    if (!this.trainers.length) return;
    if (this.replay) this.applyReplayEdits();
    this.warmup.beforeStep();
    let traced: WorkerEvent | null = null;
    try {
      for (const [i, t] of this.trainers.entries()) {
        if (this.failNextStep) throw new Error('simulated backend failure (debug command)');
        let r: StepReport;
        if (i === traceRun) ({ report: r, event: traced } = await tracedStep(t, i, this.dataset!.classNames));
        else r = await t.step();
        this.logs.record(i, r);
      }
    } catch (e) {
      if (e instanceof DivergedError) {
        this.diverged = true;
        this.stopLoop('paused');
        this.state = 'paused';
        const back = e.rolledBackTo !== undefined;
        if (back) this.rolledBack();
        await this.flush();
        this.postStatus();
        this.post({ type: 'error', kind: 'diverged', step: this.step, message: e.message, advice: 'Lower the learning rate or the hint scales β, then press play to continue.' });
        // The saved run must continue from the healthy state, not from a save taken during the blow-up.
        if (back) await this.sendCheckpoint();
        return;
      }
      throw e;
    }
    this.diverged = false;
    this.stepsSinceFlush++;
    const cold = this.config!.cold;
    if (cold.probeEvery > 0 && this.step % cold.probeEvery === 0) this.probesDue = true;
    if (cold.evalEvery > 0 && this.step % cold.evalEvery === 0) this.evalDue = true;
    if (single || now() - this.lastFlush >= FLUSH_MS) await this.flush(single);
    // After the metrics: the page has the step's row when it shows its stages.
    if (traced) this.post(traced);
    if (single) this.postStatus();
    if (this.replay && this.step >= this.replay.steps) {
      // The recorded run ends here: stop, so the replayed curves can be compared with the original.
      const r = this.replay;
      this.replay = null;
      this.stopLoop('paused');
      this.state = 'paused';
      await this.flush();
      this.postStatus();
      this.post({ type: 'replay', file: r.file, steps: r.steps, edits: r.edits, state: 'done' });
      await this.sendCheckpoint();
      return;
    }
    // Single steps save too (throttled the same way): stepping by hand is work worth keeping.
    if (this.saver.due(this.runKey)) await this.sendCheckpoint(true);
  }

  /**
   * A run file's edits due before the next step, applied to every run and shown as markers. An edit
   * the settings refuse (a hand-edited file) ends the replay with a message naming it.
   */
  private applyReplayEdits() {
    const replay = this.replay!;
    for (const e of replay.schedule.due(this.step)) {
      const changed = editToPartial(e);
      let hot: HotSettings;
      try {
        hot = this.recorders[0].setHot(changed);
        for (const r of this.recorders.slice(1)) hot = r.setHot(changed);
      } catch (err) {
        if (!(err instanceof SettingsError)) throw err;
        this.replay = null;
        this.post({ type: 'replay', file: replay.file, steps: this.step, edits: replay.edits, state: 'done' });
        this.post({ type: 'error', kind: 'file', step: this.step, message: `${replay.file}: the edit ${e.setting} = ${e.to} at step ${e.step} was refused (${err.message}).`, advice: 'The replay stopped here; the run goes on with the settings it has.' });
        return;
      }
      this.config!.hot = hot;
      this.post({ type: 'hot-applied', editId: -++this.replayEditId, step: this.step, hot, changed, label: editLabel(e) });
    }
  }

  /** A trainer rolled back after a divergence: drop the blown-up steps here and on the page. */
  private rolledBack() {
    const steps = this.trainers.map((t) => t.stepsDone);
    this.logs.rollBack(steps);
    this.recorders.forEach((r, i) => clampEdits(r.edits, steps[i]));
    this.post({ type: 'rolled-back', steps });
  }

  /** Sends pending step reports as one chunk, then probes and an evaluation when due. */
  private async flush(forceProbes = false) {
    const t = now();
    const dt = (t - this.lastFlush) / 1000;
    if (this.state === 'running' && dt > 0 && this.stepsSinceFlush > 0) {
      const rate = this.stepsSinceFlush / dt;
      this.stepsPerSec = this.stepsPerSec ? 0.6 * this.stepsPerSec + 0.4 * rate : rate;
    }
    this.lastFlush = t;
    this.stepsSinceFlush = 0;
    const runs = this.logs.unsent();
    if (runs.length) {
      this.post({ type: 'metrics', seq: this.gate.next(), step: this.step, stepsPerSec: this.state === 'running' ? this.stepsPerSec : 0, runs });
    }
    if (this.probesDue || forceProbes) await this.sendProbes();
    if (this.evalDue) await this.evaluateAll();
  }

  private async sendProbes() {
    this.probesDue = false;
    for (const [runId, t] of this.trainers.entries()) {
      const p = await t.probes();
      // Recorded (copied) before the post transfers the report's buffers.
      this.logs.logs[runId].addProbes(p, MAX_PROBE_SNAPSHOTS);
      this.post({ type: 'probes', runId, step: p.step, v: p.v, vt: p.vt, vtStep: p.vtStep, losses: p.losses, preds: p.preds });
    }
  }

  private async evaluateAll() {
    this.evalDue = false;
    for (const [runId, t] of this.trainers.entries()) {
      const e = await t.evaluate();
      this.logs.logs[runId].addEval(e);
      this.post({ type: 'evaluation', runId, step: e.step, testAcc: e.testAcc, testLoss: e.testLoss, perClassAcc: e.perClassAcc });
    }
  }

  private setHot(editId: number, hot: Parameters<Trainer['setHot']>[0]) {
    if (!this.trainers.length) {
      // Teacher phase: no student yet. The edit becomes the students' starting settings.
      if (!this.config) return;
      const problems = validateHot(hot);
      if (problems.length) return this.post({ type: 'error', kind: 'settings', editId, step: this.step, message: problems.join('; '), advice: 'The value was refused; nothing changed.' });
      this.config.hot = { ...this.config.hot, ...hot, betas: { ...this.config.hot.betas, ...hot.betas } };
      return this.post({ type: 'hot-applied', editId, step: 0, hot: this.config.hot, changed: hot });
    }
    try {
      // Validated by the first trainer; the same values then apply to every run.
      let applied = this.recorders[0].setHot(hot);
      for (const r of this.recorders.slice(1)) applied = r.setHot(hot);
      this.config!.hot = applied;
      this.post({ type: 'hot-applied', editId, step: this.step, hot: applied, changed: hot });
    } catch (e) {
      if (!(e instanceof SettingsError)) throw e;
      this.post({ type: 'error', kind: 'settings', editId, step: this.step, message: e.message, advice: 'The value was refused; nothing changed.' });
    }
  }

  /** Checkpoints every run, saves the run (IndexedDB), then tells the page (which may resume from it). */
  private async sendCheckpoint(background = false) {
    if (!this.trainers.length || !this.config) return;
    const checkpoints: TrainerCheckpoint[] = [];
    for (const t of this.trainers) checkpoints.push(await t.checkpoint());
    this.lastCheckpointStep = this.step;
    // While training, the write goes on beside the next steps (the saver keeps writes in order).
    if (background) void this.saveRun(checkpoints);
    else await this.saveRun(checkpoints);
    this.post({ type: 'checkpoint', step: this.step, config: structuredClone(this.config), checkpoints });
  }

  /** Saves the run's record (config, seed, edit log, series) with its checkpoints; nothing before step 1. */
  private async saveRun(checkpoints?: TrainerCheckpoint[]) {
    if (!this.trainers.length || !this.config || this.step === 0 || this.failed || !this.writable || !this.leases.mayWrite(this.runKey)) return;
    if (!checkpoints) {
      checkpoints = [];
      for (const t of this.trainers) checkpoints.push(await t.checkpoint());
    }
    const rf = this.recorders[0].runFile({ backend: this.backend?.name ?? '', userAgent: '', libraries: {}, date: '' });
    const record: RunRecord = {
      id: this.runKey, name: this.runName, createdAt: this.createdAt, updatedAt: Date.now(),
      config: rf.config, seed: rf.seed, edits: rf.edits, series: this.logs.logs[0],
      // Never 'running': after a reload nothing is, and the list must not say so.
      status: this.diverged ? 'diverged' : 'paused',
      extra: {
        lab: { compare: this.config.compare, teacherSteps: this.config.teacherSteps, labels: this.runs.map((r) => r.label), dataset: this.dataset?.name, teacher: this.teacher?.source, teacherAcc: this.trainers[0].teacherAccuracy, backend: this.backend?.name },
        series: this.logs.logs.slice(1),
      },
    };
    const r = await this.saver.save(record, checkpoints);
    this.post({ type: 'saved', runKey: this.runKey, step: checkpoints[0].step, ...(r.ok ? {} : { problem: r.problem }) });
  }

  /** Play and Step on a run another tab writes: refused with why (the page disables them too). */
  private refusedReadOnly(): boolean {
    if (this.writable) return false;
    this.post({ type: 'error', kind: 'storage', step: this.step, message: 'This run is shown read-only here: another tab trains it, and only one tab may write a saved run.', advice: 'Take over to train it here, or train a copy.' });
    this.postStatus();
    return true;
  }

  /** Another tab took a run over: stop, save the last steps (the other tab waits for them), let go. */
  private leaseLost(key: string) {
    const current = key === this.runKey && this.writable;
    if (current) this.stopLoop('paused');
    const letGo = async () => {
      if (current && !this.failed) {
        await this.flush();
        await this.saveRun();
      }
      if (current) this.writable = false;
      await this.saver.settled();
      this.leases.release(key);
      if (!current) return;
      this.postStatus();
      this.post({ type: 'lease', runKey: key, state: 'moved', step: this.step });
    };
    // A failed session runs nothing more (exclusive skips it): it lets go at once.
    void (this.failed ? letGo() : this.exclusive(letGo));
  }

  /** A run shown read-only (or moved away) goes on here as a new record: nobody's steps are overwritten. */
  private async trainCopy() {
    if (this.writable || !this.trainers.length) return;
    this.runKey = newRunKey();
    this.runName = `${this.runName} (copy)`;
    this.createdAt = Date.now();
    await this.leases.acquire(this.runKey, 'if-free');
    this.writable = true;
    this.post({ type: 'lease', runKey: this.runKey, state: 'writer', step: this.step });
    await this.sendCheckpoint();
  }

  /** Stops for good with a message; the page re-creates the worker to resume elsewhere. */
  private backendFailed(e: unknown) {
    if (this.failed) return;
    this.failed = true;
    this.generation++;
    this.state = 'stopped';
    this.gate.release();
    const name = this.backend?.name ?? 'the';
    // A lost device often surfaces first as a failed read; name the real cause.
    if (this.deviceLost && !/device was lost/.test(String((e as Error)?.message))) e = new Error(`the WebGPU device was lost (${(e as Error)?.message ?? e})`);
    const ck = this.lastCheckpointStep >= 0 ? `the last checkpoint (step ${this.lastCheckpointStep})` : 'the start';
    this.post({
      type: 'error',
      kind: 'backend',
      step: this.step,
      message: `The ${name} backend failed at step ${this.step}: ${(e as Error)?.message ?? String(e)}. Training has stopped.`,
      advice: `Continue from ${ck} on another backend with the buttons below, or reload the page.`,
    });
    this.postStatus();
  }

  /** Test hook: destroy the WebGPU device (its `lost` promise then fires), or fail the next step. */
  private simulateLostDevice() {
    const device = webgpuDevice();
    if (device) {
      this.deviceLost = true;
      device.destroy();
    }
    else {
      this.failNextStep = true;
      if (this.state !== 'running') this.backendFailed(new Error('simulated backend failure (debug command)'));
    }
  }
}
