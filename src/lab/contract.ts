// The ONE contract between the page and the training worker: a discriminated union per direction.
// Both sides import only these types (and the small packing helpers below), so a message that the
// other side does not understand is a compile error, not a silent no-op.
import type { TrainerCheckpoint } from '../core/train/trainer';
import type { HintId, HotSettings, MethodId } from '../core/train/config';
import type { LabConfig } from './config/lab-config';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type BackendPref = 'auto' | BackendName;
export const BACKEND_NAMES: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** Page → worker. */
export type Command =
  | { type: 'init'; config: LabConfig; resume?: ResumeState }
  | { type: 'start' }
  | { type: 'pause' }
  | { type: 'step' }
  /** Cold change: throw the runs away and start new ones from this configuration. */
  | { type: 'reset'; config: LabConfig }
  | { type: 'set-hot'; editId: number; hot: Partial<HotSettings> }
  | { type: 'evaluate' }
  /** The page has applied metrics chunk `seq`; gives the worker credit to send more. */
  | { type: 'ack'; seq: number }
  | { type: 'checkpoint' }
  /** Test hook: fail the backend as a lost GPU device would (destroys the WebGPU device). */
  | { type: 'debug'; action: 'lose-device' };

export interface ResumeState {
  step: number;
  checkpoints: TrainerCheckpoint[];
}

export interface RunInfo {
  runId: number;
  method: MethodId;
  label: string;
  hints: HintId[];
  teacherAcc: number;
  /** Recorded test accuracy of the pretrained teacher (NaN when not known). */
  teacherRecordedAcc: number;
  teacherSource: string;
}

export interface ProbeInfo {
  indices: Int32Array;
  labels: Int32Array;
  /** probes × H × W × C bytes, NHWC: sent once per (re)start. */
  thumbnails: Uint8Array;
  shape: [number, number, number];
  classNames: string[];
}

export type RunState = 'loading' | 'paused' | 'running' | 'stopped';

/** Worker → page. */
export type WorkerEvent =
  | { type: 'progress'; phase: string }
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
    }
  | { type: 'status'; state: RunState; step: number }
  | { type: 'metrics'; seq: number; step: number; stepsPerSec: number; runs: MetricsChunk[] }
  | { type: 'probes'; runId: number; step: number; v: Float32Array; vt: Float32Array; losses: Float32Array; preds: Int32Array }
  | { type: 'evaluation'; runId: number; step: number; testAcc: number; testLoss: number; perClassAcc: Float32Array }
  | { type: 'hot-applied'; editId: number; step: number; hot: HotSettings; changed: Partial<HotSettings> }
  | { type: 'checkpoint'; step: number; config: LabConfig; checkpoints: TrainerCheckpoint[] }
  | { type: 'error'; kind: ErrorKind; message: string; advice: string; step: number; editId?: number };

export type ErrorKind = 'settings' | 'diverged' | 'backend' | 'init' | 'internal';

/**
 * A run's step reports since the last chunk, packed: `rows` is steps × METRIC_COLUMNS.length
 * (Float64Array, NaN where a term does not apply), `hist` steps × HIST_LEN (ṽ histograms, all 3
 * hints in HINTS order, zeros for inactive hints). Both are transferred, not copied.
 */
export interface MetricsChunk {
  runId: number;
  rows: Float64Array;
  hist: Float32Array;
}

export const METRIC_COLUMNS = [
  'step', 'epoch', 'total', 'ce', 'kd', 'fitnet', 'at', 'meta', 'trainAcc', 'lr', 'stepMs',
  'v_kd', 'v_fitnet', 'v_at', 'vt_kd', 'vt_fitnet', 'vt_at',
] as const;
export type MetricColumn = (typeof METRIC_COLUMNS)[number];
export const COL: Record<MetricColumn, number> = Object.fromEntries(METRIC_COLUMNS.map((c, i) => [c, i])) as Record<MetricColumn, number>;
export const NCOLS = METRIC_COLUMNS.length;

/** Every typed array in an event, for postMessage's transfer list. */
export function transferables(ev: WorkerEvent): Transferable[] {
  switch (ev.type) {
    case 'metrics':
      return ev.runs.flatMap((r) => [r.rows.buffer, r.hist.buffer]);
    case 'probes':
      return [ev.v.buffer, ev.vt.buffer, ev.losses.buffer, ev.preds.buffer];
    case 'evaluation':
      return [ev.perClassAcc.buffer];
    case 'ready':
      return [ev.probes.thumbnails.buffer, ev.probes.indices.buffer, ev.probes.labels.buffer];
    case 'checkpoint':
      // Not transferred: the worker's trainer state reads are fresh arrays, but some may share
      // buffers with tfjs internals; a copy of a small student is cheap.
      return [];
    default:
      return [];
  }
}
