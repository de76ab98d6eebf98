// The ONE contract between the page and the training worker: a discriminated union per direction.
// Both sides import only these types (and the small packing helpers below), so a message that the
// other side does not understand is a compile error, not a silent no-op.
import type { TrainerCheckpoint } from '../core/train/trainer';
import type { StepTrace } from '../core/train/step-trace';
import type { HintId, HotSettings, MethodId } from '../core/train/config';
import type { RunEdit } from '../core/runs/runfile';
import type { RunChunk } from '../core/runs/run-log';
import type { DatasetInfo } from '../core/storage/run-store';
import type { LabConfig } from './config/lab-config';

import type { BackendName, BackendPref } from './config/backends';
export { BACKEND_NAMES, type BackendName, type BackendPref } from './config/backends';

/** Page → worker. */
export type Command =
  | { type: 'init'; config: LabConfig; resume?: ResumeState }
  | { type: 'start' }
  | { type: 'pause' }
  | { type: 'step' }
  /** One real step (paused runs only), committed like 'step', with its stages reported ('step-trace'). */
  | { type: 'trace-step'; runId: number }
  /** Cold change: throw the runs away and start new ones from this configuration. */
  | { type: 'reset'; config: LabConfig }
  | { type: 'set-hot'; editId: number; hot: Partial<HotSettings> }
  | { type: 'evaluate' }
  /** The page has applied metrics chunk `seq`; gives the worker credit to send more. */
  | { type: 'ack'; seq: number }
  | { type: 'checkpoint' }
  /**
   * Test hooks: 'lose-device' fails the backend as a lost GPU device would (destroys the WebGPU
   * device); the others kill the worker as a browser or a bug would (see worker/liveness.ts).
   */
  | { type: 'debug'; action: 'lose-device' | DeathAction }
  /** Test hook: the memory budget runs are checked against (bytes), so a refusal can be tried here. */
  | { type: 'debug'; action: 'memory-budget'; bytes: number }
  /**
   * Test hook: once the backend has started, block the worker for `ms` (synchronously, as a long
   * shader compile does) before the first warm-up pass: a backend made slow on purpose.
   */
  | { type: 'debug'; action: 'stall-start'; ms: number }
  /** Reopens a saved run (IndexedDB) from its last checkpoint, with its series and edit log. */
  | { type: 'open-run'; id: string; backend: BackendPref }
  /** Takes a run shown read-only away from the tab training it, then reloads it from storage. */
  | { type: 'take-over'; id: string; backend: BackendPref }
  /** A run shown read-only (or moved away) goes on here as a new saved run, a copy. */
  | { type: 'train-copy' }
  /** Forgets the teacher kept for this dataset and preset: a new one is trained (or the pretrained one used). */
  | { type: 'forget-teacher' }
  /** Ends the teacher phase now: distillation starts from the teacher as it is. */
  | { type: 'stop-teacher' }
  /** Loads a teacher file (serialize.ts format) for the current dataset and preset; the runs restart from it. */
  | { type: 'load-teacher'; name: string; bytes: Uint8Array }
  /** Asks for a file; the answer is a 'file' event (or an 'error'). */
  | { type: 'export'; what: ExportKind; runId: number }
  /** Opens a run file: the runs restart from its configuration and replay its edit log. */
  | { type: 'open-run-file'; name: string; text: string }
  /** The student's logits for raw images (0..255, NHWC): compares the lab with an exported model. */
  | { type: 'predict'; requestId: number; runId: number; images: Float32Array; count: number };

/** Ways to kill a worker from inside, for tests: `self.close()`, an uncaught error, an unhandled rejection. */
export type DeathAction = 'close' | 'throw' | 'reject';

/**
 * Both workers → page: a heartbeat posted from a timer (also while idle), and a crash the worker
 * caught itself (an uncaught error or an unhandled rejection). The page treats a crash, or a
 * silence past its deadline (worker-link/watchdog.ts), as the worker's death.
 */
export type LivenessEvent =
  | { type: 'heartbeat' }
  /**
   * A port on which a tiny thread of the worker's own beats (worker/liveness.ts): it beats while the
   * worker's thread is busy with a long step, and dies with the worker.
   */
  | { type: 'beat-port'; port: MessagePort }
  | { type: 'crashed'; message: string };

export type ExportKind = 'student' | 'teacher' | 'run-file' | 'metrics-csv' | 'metrics-json';

export interface ResumeState {
  step: number;
  checkpoints: TrainerCheckpoint[];
  /** The saved run this continues (so it keeps saving into the same record). */
  runKey?: string;
}

/** A resumed run's past, so the charts show it again after a reload. */
export interface RunHistory {
  chunks: MetricsChunk[];
  evals: { runId: number; step: number; testAcc: number; testLoss: number; perClassAcc: Float32Array }[];
  /** The hot settings the run started with (its edits replay forwards from them). */
  startHot: HotSettings;
  edits: RunEdit[];
  /** The saved probe reports (runs saved before they were kept have none). */
  probes?: { runId: number; step: number; v: Float32Array; vt: Float32Array; vtStep: Int32Array; losses: Float32Array; preds: Int32Array }[];
}

/** Training a teacher for an imported dataset, before distillation. */
export interface TeacherPhase {
  state: 'training' | 'done';
  step: number;
  totalSteps: number;
  /** Plain-language description (network, dataset). */
  label: string;
}

export const TEACHER_COLUMNS = ['step', 'loss', 'acc', 'lr'] as const;

/** Probe reports kept per run, by the page (trajectories) and the worker (exports, saves): thinned past this. */
export const MAX_PROBE_SNAPSHOTS = 400;

export interface RunInfo {
  runId: number;
  method: MethodId;
  label: string;
  hints: HintId[];
  teacherAcc: number;
  /** Recorded test accuracy of the pretrained teacher (NaN when not known). */
  teacherRecordedAcc: number;
  teacherSource: string;
  /** The teacher is one kept in this browser (trained here or loaded), which can be forgotten. */
  teacherStored: boolean;
}

export interface ProbeInfo {
  indices: Int32Array;
  labels: Int32Array;
  /** probes × H × W × C bytes, NHWC: sent once per (re)start. */
  thumbnails: Uint8Array;
  shape: [number, number, number];
  classNames: string[];
}

/** A traced batch's images: count × H × W × C bytes, NHWC (the probe thumbnails' format). */
export interface TracedImages {
  thumbnails: Uint8Array;
  shape: [number, number, number];
  classNames: string[];
}

export type RunState = 'loading' | 'paused' | 'running' | 'stopped';

/**
 * Where start-up stands on a backend: warm-up pass `pass` of `passes` (each run's first forward
 * passes while the teacher is measured, then the first training step), which compile shaders on
 * webgl and webgpu. The page adds the time so far (it keeps the clock: see store/startup-watch.ts).
 */
export interface WarmupPass {
  backend: BackendName;
  pass: number;
  passes: number;
}
/** This tab writes the run; another tab does ('read-only'); or another tab took it over ('moved'). */
export type LeaseState = 'writer' | 'read-only' | 'moved';

/** Worker → page. */
export type WorkerEvent =
  | LivenessEvent
  | { type: 'progress'; phase: string; warmup?: WarmupPass }
  | {
      type: 'ready';
      backend: BackendName;
      /** Why this backend runs (auto choice or override, and what was skipped). */
      reason: string;
      adapter?: string;
      runs: RunInfo[];
      probes: ProbeInfo;
      step: number;
      hot: HotSettings;
      /** The configuration actually running (a missing dataset falls back to the built-in one). */
      config: LabConfig;
      dataset: { id: string; name: string; source: string };
      /** Id of the saved run (IndexedDB) these runs are saved into. */
      runKey: string;
      /** 'read-only': another tab trains this run; nothing is saved from here. */
      lease: LeaseState;
      history?: RunHistory;
    }
  | { type: 'status'; state: RunState; step: number }
  | { type: 'metrics'; seq: number; step: number; stepsPerSec: number; runs: MetricsChunk[] }
  /** `v`: the meta-weight net's weights now; `vt`: each probe's stored ṽ, last updated at `vtStep` (−1: never). */
  | { type: 'probes'; runId: number; step: number; v: Float32Array; vt: Float32Array; vtStep: Int32Array; losses: Float32Array; preds: Int32Array }
  | { type: 'evaluation'; runId: number; step: number; testAcc: number; testLoss: number; perClassAcc: Float32Array }
  /** `label` is set for edits the page did not make (a run file's replayed edits). */
  | { type: 'hot-applied'; editId: number; step: number; hot: HotSettings; changed: Partial<HotSettings>; label?: string }
  | { type: 'checkpoint'; step: number; config: LabConfig; checkpoints: TrainerCheckpoint[] }
  /** `config`: the configuration still running, when a refused reset left the current run as it was. */
  | { type: 'error'; kind: ErrorKind; message: string; advice: string; step: number; editId?: number; config?: LabConfig }
  /** After a divergence each run went back to its last healthy state (`steps[runId]` steps done): later rows are dropped. */
  | { type: 'rolled-back'; steps: number[] }
  | { type: 'teacher-phase'; phase: TeacherPhase | null }
  /** The stages of the step a 'trace-step' ran (already committed), with its batch's images. */
  | { type: 'step-trace'; runId: number; trace: StepTrace; images: TracedImages }
  /** A 'trace-step' that could not run now (the runs are not paused, no such run): `reason` says why. */
  | { type: 'trace-refused'; runId: number; reason: string }
  /** Teacher training rows since the last chunk: steps × TEACHER_COLUMNS.length; acked like metrics. */
  | { type: 'teacher-metrics'; seq: number; rows: Float64Array }
  | { type: 'teacher-eval'; step: number; testAcc: number }
  /** The run was saved (or a save failed: `problem`, e.g. a full quota; what was saved before is intact). */
  | { type: 'saved'; runKey: string; step: number; problem?: string }
  | { type: 'file'; what: ExportKind; files: { name: string; mime: string; bytes: Uint8Array }[] }
  | { type: 'predictions'; requestId: number; logits: Float32Array; error?: string }
  /** Who writes the run now changed: it moved to another tab (after saving up to `step`), or a copy is written here. */
  | { type: 'lease'; runKey: string; state: LeaseState; step: number }
  /** A run file's replay: running until `steps`, then 'done' (paused). */
  | { type: 'replay'; file: string; steps: number; edits: number; state: 'running' | 'done' };

/** 'worker': the training worker itself died (the page says so; the worker cannot). */
export type ErrorKind = 'settings' | 'diverged' | 'backend' | 'init' | 'internal' | 'storage' | 'file' | 'worker';

/** Page → import worker: parse and store a dataset off the main thread. */
export type ImportCommand = { type: 'import'; jobId: number; files: File[]; settings: ImportSettings };
/** What the import worker is sent: a job, or (test hook) kill it from inside (see worker/liveness.ts). */
export type ImportWorkerCommand = ImportCommand | { type: 'debug'; action: DeathAction };

export interface ImportSettings {
  /** Share of each class held out for test when the files have no split. */
  testFraction: number;
  maxTrain: number;
  maxTest: number;
  /** Side zip images are resized to. */
  imageSize: number;
  seed: number;
  /** Refuse imports whose estimated peak memory is above this. */
  memoryBudgetBytes?: number;
}

/** Import worker → page. */
export type ImportEvent =
  | { type: 'import-progress'; jobId: number; file: string; phase: string; done: number; total: number; unit: string }
  | { type: 'import-done'; jobId: number; info: DatasetInfo; notes: string[]; caps: string[] }
  | { type: 'import-error'; jobId: number; file: string; code: string; message: string };
/** What the import worker posts: its jobs' events and its liveness. */
export type ImportWorkerEvent = ImportEvent | LivenessEvent;

/**
 * A run's step rows since the last chunk: the run log's own chunk (core/runs/run-log.ts), whose
 * typed arrays are transferred, not copied. The page appends it to its log as the worker did.
 */
export type MetricsChunk = RunChunk;

/** Every typed array in an event, for postMessage's transfer list. */
export function transferables(ev: WorkerEvent): Transferable[] {
  switch (ev.type) {
    case 'metrics':
      return ev.runs.flatMap((r) => [r.values.buffer, r.hist.buffer]);
    case 'probes':
      return [ev.v.buffer, ev.vt.buffer, ev.vtStep.buffer, ev.losses.buffer, ev.preds.buffer];
    case 'evaluation':
      return [ev.perClassAcc.buffer];
    case 'ready':
      return [ev.probes.thumbnails.buffer, ev.probes.indices.buffer, ev.probes.labels.buffer, ...(ev.history?.chunks.flatMap((c) => [c.values.buffer, c.hist.buffer]) ?? [])];
    case 'teacher-metrics':
      return [ev.rows.buffer];
    case 'predictions':
      return [ev.logits.buffer];
    case 'step-trace': {
      const t = ev.trace;
      const m = t.meta;
      const arrays = [t.batch.indices, t.batch.labels, t.losses, t.v, t.vt, ev.images.thumbnails];
      if (m) arrays.push(m.batch.indices, m.batch.labels, m.vBefore, m.G);
      // v and vt may share one buffer (no hints: both empty); a buffer is listed once.
      return [...new Set(arrays.map((a) => a.buffer))];
    }
    case 'file':
      return ev.files.map((f) => f.bytes.buffer);
    case 'beat-port':
      return [ev.port];
    case 'checkpoint':
      // Not transferred: the worker's trainer state reads are fresh arrays, but some may share
      // buffers with tfjs internals; a copy of a small student is cheap.
      return [];
    default:
      return [];
  }
}
