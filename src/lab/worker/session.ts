// The worker's training session: owns the backend, the dataset, the teacher and one trainer per
// run (several in compare mode, stepped in lockstep on identical batches: same seed, same data
// stream). Everything that touches tfjs runs one at a time through `exclusive`, so a command
// never lands in the middle of a step.
import type * as tf from '@tensorflow/tfjs';
import { loadEmbeddedDataset, fetchReader } from '../../core/data/embedded';
import type { Dataset } from '../../core/data/dataset';
import { methodSpec } from '../../core/methods/methods';
import { DivergedError, SettingsError } from '../../core/train/errors';
import type { StepReport } from '../../core/train/report';
import { Trainer, type Teacher, type TrainerCheckpoint } from '../../core/train/trainer';
import type { Command, ProbeInfo, RunInfo, RunState, WorkerEvent } from '../contract';
import { runMethods, validateLabConfig, type LabConfig } from '../config/lab-config';
import { chooseBackend, webgpuDevice, type BackendChoice } from './backend';
import { CreditGate } from './credit';
import { packReports } from './pack';
import { loadLabTeacher, type LabTeacher } from './teacher-source';
import { yieldToEventLoop } from './yield';

/** Coalesce step reports into one metrics event at most this often. */
export const FLUSH_MS = 150;
/** Metrics chunks the page may leave un-acked before the worker stops stepping. */
export const MAX_UNACKED = 3;
/** A checkpoint for resume at most this often while running (and on every pause). */
export const CHECKPOINT_MS = 10_000;

const now = () => performance.now();

function disposeTeacher(t: Teacher) {
  for (const v of [...Object.values(t.params), ...Object.values(t.state)]) (v as tf.Tensor).dispose();
}

export class Session {
  private config: LabConfig | null = null;
  private backend: BackendChoice | null = null;
  private dataset: Dataset | null = null;
  private teacher: { preset: string; t: LabTeacher } | null = null;
  private trainers: Trainer[] = [];
  private runs: RunInfo[] = [];
  private pending: StepReport[][] = [];
  private state: RunState = 'loading';
  private failed = false;
  private generation = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly gate = new CreditGate(MAX_UNACKED);
  private lastFlush = 0;
  private lastCheckpointAt = 0;
  private lastCheckpointStep = -1;
  private stepsSinceFlush = 0;
  private stepsPerSec = 0;
  private probesDue = false;
  private evalDue = false;
  private failNextStep = false;
  /** Set when the WebGPU device was destroyed: pending reads then fail with buffer errors. */
  private deviceLost = false;

  constructor(
    private readonly post: (ev: WorkerEvent) => void,
    private readonly baseUrl: string,
  ) {}

  handle(cmd: Command): void {
    switch (cmd.type) {
      case 'init':
        void this.exclusive(() => this.init(cmd.config, cmd.resume?.checkpoints));
        break;
      case 'start':
        this.start();
        break;
      case 'pause':
        this.pause();
        break;
      case 'step':
        if (this.state !== 'running') void this.exclusive(() => this.stepAll(true));
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
        this.simulateLostDevice();
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

  private async init(config: LabConfig, resume?: TrainerCheckpoint[]) {
    try {
      this.post({ type: 'progress', phase: 'Starting the TensorFlow.js backend…' });
      this.backend = await chooseBackend(config.backend);
      webgpuDevice()?.lost.then((info) => {
        this.deviceLost = true;
        this.backendFailed(new Error(`the WebGPU device was lost (${[info.reason, info.message].filter(Boolean).join(': ') || 'no reason given'})`));
      });
      this.post({ type: 'progress', phase: 'Loading Fashion-MNIST…' });
      this.dataset ??= await loadEmbeddedDataset(fetchReader(new URL(`${this.baseUrl}data/fashion-mnist/`, self.location.href).href));
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
    await this.build(config, resume);
  }

  /** (Re)creates the runs for a configuration; a cold change lands here. */
  private async build(config: LabConfig, resume?: TrainerCheckpoint[]) {
    const problems = validateLabConfig(config);
    if (problems.length) {
      this.post({ type: 'error', kind: 'settings', step: this.step, message: problems.join('; '), advice: 'Nothing was changed.' });
      return;
    }
    const ds = this.dataset!;
    for (const t of this.trainers) t.dispose();
    this.trainers = [];
    this.state = 'loading';
    this.gate.reset();
    this.config = structuredClone(config);
    const shape: [number, number, number] = [ds.height, ds.width, ds.channels];
    if (this.teacher?.preset !== config.cold.preset) {
      if (this.teacher) disposeTeacher(this.teacher.t.teacher);
      this.post({ type: 'progress', phase: 'Loading the teacher…' });
      this.teacher = { preset: config.cold.preset, t: await loadLabTeacher(config.cold.preset, this.baseUrl, shape, ds.classNames.length) };
    }
    // A small evaluation size also bounds the teacher's measurement, on the same test images.
    const n = config.cold.evalSize > 0 ? Math.min(config.cold.evalSize, ds.test.count) : ds.test.count;
    const size = ds.height * ds.width * ds.channels;
    const data: Dataset = { ...ds, test: { images: ds.test.images.subarray(0, n * size), labels: ds.test.labels.subarray(0, n), count: n } };
    const methods = runMethods(config);
    for (const [i, method] of methods.entries()) {
      this.post({ type: 'progress', phase: `Building run ${i + 1} of ${methods.length} (${methodSpec(method).label}) and measuring the teacher…` });
      const t = await Trainer.create({ config: { cold: { ...config.cold, method }, hot: config.hot }, dataset: data, teacher: this.teacher!.t.teacher });
      if (resume?.[i]) t.restore(resume[i]);
      this.trainers.push(t);
    }
    this.pending = this.trainers.map(() => []);
    this.runs = this.trainers.map((t, runId) => ({
      runId,
      method: t.method.id,
      label: t.method.label,
      hints: t.hints,
      teacherAcc: t.teacherAccuracy,
      teacherRecordedAcc: this.teacher!.t.recordedAccuracy,
      teacherSource: this.teacher!.t.source,
    }));
    const idx = this.trainers[0].probeIndices;
    const thumbnails = new Uint8Array(idx.length * size);
    idx.forEach((j, k) => thumbnails.set(ds.train.images.subarray(j * size, (j + 1) * size), k * size));
    const probes: ProbeInfo = {
      indices: idx.slice(),
      labels: Int32Array.from(idx, (j) => ds.train.labels[j]),
      thumbnails,
      shape,
      classNames: ds.classNames.slice(),
    };
    this.post({
      type: 'ready',
      backend: this.backend!.name,
      reason: this.backend!.reason,
      adapter: this.backend!.adapter,
      runs: this.runs,
      probes,
      step: this.step,
      hot: this.trainers[0].hotSettings,
    });
    this.state = 'paused';
    this.postStatus();
    await this.sendProbes();
    if (!resume) await this.sendCheckpoint();
    else this.lastCheckpointStep = this.step;
  }

  private start() {
    if (this.failed || this.state !== 'paused' || !this.trainers.length) return;
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

  private async stepAll(single: boolean) {
    if (this.state === 'loading' || !this.trainers.length) return;
    try {
      for (const [i, t] of this.trainers.entries()) {
        if (this.failNextStep) throw new Error('simulated backend failure (debug command)');
        this.pending[i].push(await t.step());
      }
    } catch (e) {
      if (e instanceof DivergedError) {
        this.stopLoop('paused');
        this.state = 'paused';
        await this.flush();
        this.postStatus();
        this.post({ type: 'error', kind: 'diverged', step: this.step, message: e.message, advice: 'Lower the learning rate or the hint scales β, then press play to continue.' });
        return;
      }
      throw e;
    }
    this.stepsSinceFlush++;
    const cold = this.config!.cold;
    if (cold.probeEvery > 0 && this.step % cold.probeEvery === 0) this.probesDue = true;
    if (cold.evalEvery > 0 && this.step % cold.evalEvery === 0) this.evalDue = true;
    if (single || now() - this.lastFlush >= FLUSH_MS) await this.flush(single);
    if (single) this.postStatus();
    if (!single && now() - this.lastCheckpointAt >= CHECKPOINT_MS) await this.sendCheckpoint();
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
    if (this.pending.some((p) => p.length)) {
      const runs = this.pending.map((p, runId) => packReports(runId, p));
      this.pending = this.trainers.map(() => []);
      this.post({ type: 'metrics', seq: this.gate.next(), step: this.step, stepsPerSec: this.state === 'running' ? this.stepsPerSec : 0, runs });
    }
    if (this.probesDue || forceProbes) await this.sendProbes();
    if (this.evalDue) await this.evaluateAll();
  }

  private async sendProbes() {
    this.probesDue = false;
    for (const [runId, t] of this.trainers.entries()) {
      const p = await t.probes();
      this.post({ type: 'probes', runId, step: p.step, v: p.v, vt: p.vt, losses: p.losses, preds: p.preds });
    }
  }

  private async evaluateAll() {
    this.evalDue = false;
    for (const [runId, t] of this.trainers.entries()) {
      const e = await t.evaluate();
      this.post({ type: 'evaluation', runId, step: e.step, testAcc: e.testAcc, testLoss: e.testLoss, perClassAcc: e.perClassAcc });
    }
  }

  private setHot(editId: number, hot: Parameters<Trainer['setHot']>[0]) {
    if (!this.trainers.length) return;
    try {
      // Validated by the first trainer; the same values then apply to every run.
      let applied = this.trainers[0].setHot(hot);
      for (const t of this.trainers.slice(1)) applied = t.setHot(hot);
      this.config!.hot = applied;
      this.post({ type: 'hot-applied', editId, step: this.step, hot: applied, changed: hot });
    } catch (e) {
      if (!(e instanceof SettingsError)) throw e;
      this.post({ type: 'error', kind: 'settings', editId, step: this.step, message: e.message, advice: 'The value was refused; nothing changed.' });
    }
  }

  private async sendCheckpoint() {
    if (!this.trainers.length || !this.config) return;
    const checkpoints: TrainerCheckpoint[] = [];
    for (const t of this.trainers) checkpoints.push(await t.checkpoint());
    this.lastCheckpointAt = now();
    this.lastCheckpointStep = this.step;
    this.post({ type: 'checkpoint', step: this.step, config: structuredClone(this.config), checkpoints });
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
