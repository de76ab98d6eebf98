// The page's one store (zustand). Data flows one way: UI → command → worker → event → store →
// chart. `applyEvent` is the only writer of worker-derived state; big series live in mutable
// run logs (not React state) and `version` bumps when they change, so charts re-read them
// on their own throttled clock instead of on every event.
import { create } from 'zustand';
import type { HotSettings } from '../../core/train/config';
import type { TrainerCheckpoint } from '../../core/train/trainer';
import type { RunEdit } from '../../core/runs/runfile';
// From the schema, not runs/replay.ts: that imports the trainer, and the page must not bundle tfjs.
import { editLabel, editToPartial } from '../../core/settings/edits';
import { RunLog, thin } from '../../core/runs/run-log';
import { MAX_PROBE_SNAPSHOTS, TEACHER_COLUMNS, type BackendName, type ErrorKind, type LeaseState, type ProbeInfo, type RunInfo, type RunState, type TeacherPhase, type WorkerEvent } from '../contract';
import { defaultLabConfig, type LabConfig } from '../config/lab-config';
import type { StartupView } from './startup-watch';

export interface Edit {
  id: number;
  /** Step at which the new value took effect (confirmed by the worker). */
  step: number;
  label: string;
  changed: Partial<HotSettings>;
  status: 'pending' | 'applied' | 'refused';
}

export interface ProbeSnapshot {
  step: number;
  v: Float32Array;
  vt: Float32Array;
  /** Per probe, the step its stored ṽ was last updated at (−1: never). */
  vtStep: Int32Array;
  losses: Float32Array;
  preds: Int32Array;
}

export interface RunData {
  info: RunInfo;
  /** The run's log: the chunks the worker posted, appended (core/runs/run-log.ts). */
  series: RunLog;
  evals: { step: number; testAcc: number; testLoss: number; perClassAcc: Float32Array }[];
  /** Probe snapshots over time (for trajectories), bounded like the series. */
  probeHistory: ProbeSnapshot[];
}

export interface Notice {
  kind: ErrorKind;
  message: string;
  advice: string;
}

export interface Checkpointed {
  step: number;
  config: LabConfig;
  checkpoints: TrainerCheckpoint[];
}

/** The teacher phase's curve: one entry per step (small: a phase is at most a few thousand steps). */
export interface TeacherCurve {
  step: number[];
  loss: number[];
  acc: number[];
  evals: { step: number; testAcc: number }[];
}

export const emptyTeacherCurve = (): TeacherCurve => ({ step: [], loss: [], acc: [], evals: [] });

export interface SaveState {
  runKey: string;
  step: number;
  problem?: string;
}

export interface LabState {
  /** What the controls show (may differ from `applied` while a cold change awaits confirmation). */
  config: LabConfig;
  /** The configuration of the runs now training. */
  applied: LabConfig | null;
  phase: string;
  backend: BackendName | null;
  backendReason: string;
  adapter?: string;
  runState: RunState;
  step: number;
  stepsPerSec: number;
  runs: RunData[];
  probeInfo: ProbeInfo | null;
  hot: HotSettings | null;
  /** The hot settings the runs started with: hot-timeline.ts replays the edits forwards from them. */
  startHot: HotSettings | null;
  edits: Edit[];
  notice: Notice | null;
  lastCheckpoint: Checkpointed | null;
  /** Bumps whenever series or evaluations change (the curve charts' clock watches it). */
  seriesVersion: number;
  /** Bumps whenever a probe snapshot arrives (the probe views' clock watches it). */
  probeVersion: number;
  selectedProbe: number | null;
  teacherPhase: TeacherPhase | null;
  teacherCurve: TeacherCurve;
  /** Bumps when the teacher curve changes. */
  teacherVersion: number;
  /** The saved run (IndexedDB) these runs save into, and the last save. */
  runKey: string | null;
  saved: SaveState | null;
  /** Whether this tab writes that saved run, or shows it read-only (another tab trains it). */
  lease: LeaseState;
  /** The last save that was written (a failed one leaves the one before in place). */
  lastGoodSave: SaveState | null;
  dataset: { id: string; name: string; source: string } | null;
  replay: { file: string; steps: number; edits: number; state: 'running' | 'done' } | null;
  /** A new worker's start-up on its backend, until its first step (set by the StartupWatch). */
  startup: StartupView | null;
}

export function initialState(config: LabConfig = defaultLabConfig()): LabState {
  return {
    config,
    applied: null,
    phase: 'Starting…',
    backend: null,
    backendReason: '',
    runState: 'loading',
    step: 0,
    stepsPerSec: 0,
    runs: [],
    probeInfo: null,
    hot: null,
    startHot: null,
    edits: [],
    notice: null,
    lastCheckpoint: null,
    seriesVersion: 0,
    probeVersion: 0,
    selectedProbe: null,
    teacherPhase: null,
    teacherCurve: emptyTeacherCurve(),
    teacherVersion: 0,
    runKey: null,
    saved: null,
    lease: 'writer',
    lastGoodSave: null,
    dataset: null,
    replay: null,
    startup: null,
  };
}

/** A saved edit as a chart marker. */
export function editFromLog(e: RunEdit, id: number): Edit {
  return { id, step: e.step, label: editLabel(e), changed: editToPartial(e), status: 'applied' };
}

/** Applies one worker event; returns the changed part of the state. Pure except for run logs. */
export function applyEvent(s: LabState, ev: WorkerEvent): Partial<LabState> {
  switch (ev.type) {
    case 'progress':
      return { phase: ev.phase };
    case 'ready': {
      // A saved run brings its past (history); a resume on another backend keeps the page's curves
      // up to the checkpoint; a fresh start begins new series.
      const h = ev.history;
      const resumed = !h && ev.step > 0 && s.runs.length === ev.runs.length;
      const runs = ev.runs.map((info, i) => {
        if (h) {
          const series = new RunLog(info.hints);
          for (const c of h.chunks) if (c.runId === i) series.append(c);
          const probeHistory = (h.probes ?? []).filter((p) => p.runId === i).map(({ runId: _, ...p }) => p);
          return { info, series, evals: h.evals.filter((e) => e.runId === i).map(({ runId: _, ...e }) => e), probeHistory };
        }
        if (resumed) {
          const r = s.runs[i];
          r.series.truncateFromStep(ev.step);
          return { ...r, info, evals: r.evals.filter((e) => e.step <= ev.step), probeHistory: r.probeHistory.filter((p) => p.step <= ev.step) };
        }
        return { info, series: new RunLog(info.hints), evals: [], probeHistory: [] };
      });
      return {
        phase: '',
        backend: ev.backend,
        backendReason: ev.reason,
        adapter: ev.adapter,
        runs,
        probeInfo: ev.probes,
        hot: ev.hot,
        startHot: h ? h.startHot : resumed ? (s.startHot ?? ev.hot) : ev.hot,
        step: ev.step,
        edits: h ? h.edits.map((e, i) => editFromLog(e, -1_000_000 - i)) : resumed ? s.edits.filter((e) => e.step <= ev.step) : [],
        config: ev.config,
        applied: ev.config,
        runKey: ev.runKey,
        lease: ev.lease,
        saved: s.saved?.runKey === ev.runKey ? s.saved : null,
        dataset: ev.dataset,
        replay: null,
        // The notice stays: one posted while these runs were built (a missing dataset replaced by
        // the built-in one) is about them, and stays until dismissed. Commands clear old notices.
        seriesVersion: s.seriesVersion + 1,
        probeVersion: s.probeVersion + 1,
        selectedProbe: resumed ? s.selectedProbe : null,
      };
    }
    case 'status':
      // A loading worker has no runs yet: its step 0 means "none yet", not "back to 0" (a switch
      // to another backend keeps showing the step it resumes from until 'ready' says).
      return { runState: ev.state, step: ev.state === 'loading' ? s.step : ev.step, stepsPerSec: ev.state === 'running' ? s.stepsPerSec : 0 };
    case 'metrics':
      for (const c of ev.runs) s.runs[c.runId]?.series.append(c);
      return { step: ev.step, stepsPerSec: ev.stepsPerSec, seriesVersion: s.seriesVersion + 1 };
    case 'probes': {
      const r = s.runs[ev.runId];
      if (!r) return {};
      r.probeHistory = thin([...r.probeHistory, { step: ev.step, v: ev.v, vt: ev.vt, vtStep: ev.vtStep, losses: ev.losses, preds: ev.preds }], MAX_PROBE_SNAPSHOTS);
      return { probeVersion: s.probeVersion + 1 };
    }
    case 'evaluation': {
      const r = s.runs[ev.runId];
      if (!r) return {};
      r.evals = [...r.evals, { step: ev.step, testAcc: ev.testAcc, testLoss: ev.testLoss, perClassAcc: ev.perClassAcc }];
      return { seriesVersion: s.seriesVersion + 1 };
    }
    case 'hot-applied': {
      // A replayed edit (from a run file) was not made on this page: add its marker.
      const known = s.edits.some((e) => e.id === ev.editId);
      return {
        hot: ev.hot,
        config: { ...s.config, hot: ev.hot },
        applied: s.applied ? { ...s.applied, hot: ev.hot } : s.applied,
        edits: known
          ? s.edits.map((e) => (e.id === ev.editId ? { ...e, step: ev.step, status: 'applied' } : e))
          : [...s.edits, { id: ev.editId, step: ev.step, label: ev.label ?? 'edit', changed: ev.changed, status: 'applied' }],
      };
    }
    case 'rolled-back': {
      // The blown-up steps are gone from the worker's runs: drop them from the charts too.
      ev.steps.forEach((step, i) => {
        const r = s.runs[i];
        if (!r) return;
        r.series.truncateFromStep(step);
        r.evals = r.evals.filter((e) => e.step <= step);
        r.probeHistory = r.probeHistory.filter((p) => p.step <= step);
      });
      const to = ev.steps[0] ?? s.step;
      return { step: to, edits: s.edits.map((e) => (e.step > to ? { ...e, step: to } : e)), seriesVersion: s.seriesVersion + 1, probeVersion: s.probeVersion + 1 };
    }
    case 'checkpoint':
      return { lastCheckpoint: { step: ev.step, config: ev.config, checkpoints: ev.checkpoints } };
    case 'error': {
      const edits = ev.editId !== undefined ? s.edits.map((e) => (e.id === ev.editId ? { ...e, status: 'refused' as const } : e)) : s.edits;
      return { notice: { kind: ev.kind, message: ev.message, advice: ev.advice }, edits, runState: ev.kind === 'backend' || ev.kind === 'init' ? 'stopped' : s.runState, ...(ev.config ? { applied: ev.config } : {}) };
    }
    case 'teacher-phase': {
      // A new phase starts with an empty curve and no student runs yet.
      const fresh = ev.phase?.state === 'training' && (!s.teacherPhase || s.teacherPhase.state === 'done' || ev.phase.step === 0);
      if (fresh) return { teacherPhase: ev.phase, teacherCurve: emptyTeacherCurve(), teacherVersion: s.teacherVersion + 1, runs: [], probeInfo: null, step: 0, edits: [], phase: '' };
      return { teacherPhase: ev.phase };
    }
    case 'teacher-metrics': {
      const c = s.teacherCurve;
      const n = TEACHER_COLUMNS.length;
      const [iStep, iLoss, iAcc] = (['step', 'loss', 'acc'] as const).map((k) => TEACHER_COLUMNS.indexOf(k));
      for (let i = 0; i < ev.rows.length; i += n) {
        c.step.push(ev.rows[i + iStep]);
        c.loss.push(ev.rows[i + iLoss]);
        c.acc.push(ev.rows[i + iAcc]);
      }
      return { teacherVersion: s.teacherVersion + 1 };
    }
    case 'teacher-eval':
      s.teacherCurve.evals.push({ step: ev.step, testAcc: ev.testAcc });
      return { teacherVersion: s.teacherVersion + 1 };
    case 'saved':
      // runKey comes from 'ready' only: the save of a run being replaced arrives after the switch.
      return { saved: { runKey: ev.runKey, step: ev.step, problem: ev.problem }, ...(ev.problem ? {} : { lastGoodSave: { runKey: ev.runKey, step: ev.step } }) };
    case 'lease':
      return { lease: ev.state, runKey: ev.runKey, step: ev.step };
    case 'replay':
      return { replay: { file: ev.file, steps: ev.steps, edits: ev.edits, state: ev.state } };
    case 'heartbeat':
    case 'beat-port':
    case 'crashed':
      // Taken by the worker link (worker-link/link.ts) before they get here.
    case 'file':
    case 'predictions':
    case 'step-trace':
    case 'trace-refused':
      // Handled by the actions (downloads, promises, the step-through's own store); nothing to keep.
      return {};
  }
}

export const useLab = create<LabState>(() => initialState());
