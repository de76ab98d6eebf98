// The page's side of the contract: owns the worker, turns UI intents into Commands and worker
// events into store updates. Metrics chunks are acked right after the store has taken them
// (not after rendering: charts render on their own clock), which is the worker's credit.
import type { HotSettings } from '../../core/train/config';
import { validateHot } from '../../core/train/validate';
import type { BackendPref, Command, DeathAction, ExportKind, LivenessEvent, WorkerEvent } from '../contract';
import type { LabConfig } from '../config/lab-config';
import { download } from '../export/download';
import { WorkerLink } from '../worker-link/link';
import { trainingGrace } from '../worker-link/watchdog';
import { applyEvent, useLab, type SaveState } from './lab-store';
import { followTrace, idleTrace, useStepTrace } from './step-trace';
import { followWorkerEvent, refreshLibrary, storedStep } from './library';
import { STARTUP_DEADLINE_MS, StartupWatch } from './startup-watch';
import { afterDeath, continueFailedNotice, continuePoint, stopped } from './worker-death';
import { TEST_BUILD } from '../test-build';

let link: WorkerLink<WorkerEvent> | null = null;
/** The raw worker, only for the test hook that terminates it behind the link's back. */
let rawWorker: Worker | null = null;
/** A timed step was reported since the last (re)start (ends the first-step grace). */
let stepped = false;
/** The save a "Continue" after a worker's death reopens, until its run is ready. */
let continuing: SaveState | null = null;
let nextEditId = 1;

function send(cmd: Command) {
  link?.post(cmd);
}

const predictions = new Map<number, { resolve: (l: Float32Array) => void; reject: (e: Error) => void }>();
let nextRequest = 1;

const hooks = () => (!TEST_BUILD || typeof window === 'undefined' ? undefined : window.__hkdLab);
const startup = new StartupWatch({
  deadlineMs: () => hooks()?.startupDeadlineMs ?? STARTUP_DEADLINE_MS,
  onChange: (view) => useLab.setState({ startup: view }),
});

function onEvent(ev: Exclude<WorkerEvent, LivenessEvent>) {
  useLab.setState((s) => applyEvent(s, ev));
  useStepTrace.setState((s) => followTrace(s, ev));
  startup.follow(ev);
  if (ev.type === 'ready') {
    stepped = false;
    if (continuing && (ev.runKey !== continuing.runKey || !ev.history)) useLab.setState({ notice: continueFailedNotice(continuing) });
    continuing = null;
  }
  if (ev.type === 'metrics' || ev.type === 'teacher-metrics') stepped = true;
  link?.watchdog.grace(trainingGrace(useLab.getState().runState === 'loading', stepped));
  if (ev.type === 'metrics' || ev.type === 'teacher-metrics') send({ type: 'ack', seq: ev.seq });
  if (ev.type === 'file') for (const f of ev.files) download(f.name, f.bytes as BlobPart, f.mime);
  if (ev.type === 'predictions') {
    const p = predictions.get(ev.requestId);
    predictions.delete(ev.requestId);
    if (ev.error) p?.reject(new Error(ev.error));
    else p?.resolve(ev.logits);
  }
  // The runs list follows the saves (first save of a run, or a step count that moved on).
  if (ev.type === 'saved' || ev.type === 'ready') followWorkerEvent(ev);
}

function spawn() {
  link?.close();
  const w = new Worker(new URL('../worker/train.worker.ts', import.meta.url), { type: 'module' });
  const l: WorkerLink<WorkerEvent> = new WorkerLink<WorkerEvent>(w, onEvent, (d) => {
    if (link !== l) return;
    link = rawWorker = null;
    continuing = null;
    useLab.setState(stopped());
    // The list is re-read first: the last save may be newer than the last one reported.
    void refreshLibrary().then(() => useLab.setState((s) => afterDeath(s, d, storedStep(s.runKey))));
  });
  l.watchdog.grace(trainingGrace(true, false));
  link = l;
  rawWorker = w;
  stepped = false;
}

/** A new worker on `config.backend`, made slow on purpose when a test asked for it. */
function startWorker(config: LabConfig, resume?: Extract<Command, { type: 'init' }>['resume']) {
  spawn();
  const stall = hooks()?.stallStart;
  if (stall && stall.backend === config.backend) send({ type: 'debug', action: 'stall-start', ms: stall.ms });
  send({ type: 'init', config, resume });
}

/** Starts a fresh worker and runs for `config`. */
export function boot(config: LabConfig) {
  useLab.setState({ config, applied: config, runState: 'loading', phase: 'Starting the training worker…', notice: null });
  startup.begin(config.backend, 0, false);
  startWorker(config);
}

export const play = () => send({ type: 'start' });
export const pause = () => send({ type: 'pause' });
export const stepOnce = () => send({ type: 'step' });
export const evaluateNow = () => send({ type: 'evaluate' });
/** The step-through: run `runId`'s next step (all runs step together) with its stages traced. */
export function traceStep(runId = 0) {
  useStepTrace.setState({ status: 'waiting', problem: null });
  send({ type: 'trace-step', runId });
}
export const closeStepThrough = () => useStepTrace.setState(idleTrace());
export const simulateLostDevice = () => send({ type: 'debug', action: 'lose-device' });
/** Test hook: the memory budget the worker checks runs against. */
export const setMemoryBudget = (bytes: number) => send({ type: 'debug', action: 'memory-budget', bytes });

export function togglePlay() {
  const s = useLab.getState().runState;
  if (s === 'running') pause();
  else if (s === 'paused') play();
}

/** Cold change (confirmed by the user): new runs from `config`. */
export function resetRuns(config: LabConfig) {
  useLab.setState({ config, applied: config, runState: 'loading', phase: 'Resetting…', notice: null });
  send({ type: 'reset', config });
}

/** Why a live edit cannot be made here now: the run shown is written by another tab. */
export const READ_ONLY_EDIT = 'This run is read-only here (another tab trains it), so its settings cannot change here. Take over, or train a copy, to change them.';

/**
 * A live edit. Validated here against the core schema first: a refused value is never sent.
 * Returns the problems (empty when sent).
 */
export function editHot(changed: Partial<HotSettings>, label: string): string[] {
  // Kept off the worker: an edit here would change a run that is not saved here, and the
  // take-over reloads the record, so it would be lost without a word.
  if (useLab.getState().lease !== 'writer') return [READ_ONLY_EDIT];
  const problems = validateHot(changed);
  if (problems.length) return problems;
  const id = nextEditId++;
  useLab.setState((s) => ({ edits: [...s.edits, { id, step: s.step, label, changed, status: 'pending' }] }));
  send({ type: 'set-hot', editId: id, hot: changed });
  return [];
}

/**
 * After a backend failure: a new worker on `backend`, restored from the last checkpoint. A saved
 * run continues from its record (series and edit log included); the page's checkpoint otherwise.
 */
export function resumeOn(backend: BackendPref) {
  const s = useLab.getState();
  const ck = s.lastCheckpoint;
  const config: LabConfig = { ...(ck?.config ?? s.applied ?? s.config), backend };
  // The saved record is continued only when it holds this checkpoint: the worker resumes from the
  // record, and an older one (its last save still in flight when the old worker went) loses steps.
  // Only a run this tab writes (the new worker takes its lease back from the ended one).
  const runKey = ck && s.lease === 'writer' && s.saved && !s.saved.problem && s.saved.runKey === s.runKey && s.saved.step >= ck.step ? s.runKey! : undefined;
  // The step counter shows the step the run continues from, never 0, while the new worker starts.
  useLab.setState({ config, applied: config, runState: 'loading', phase: ck ? `Resuming on ${backend} from step ${ck.step}…` : `Starting again on ${backend}…`, notice: null, step: ck?.step ?? 0 });
  startup.begin(backend, ck?.step ?? 0, !!ck);
  startWorker(config, ck ? { step: ck.step, checkpoints: ck.checkpoints, runKey } : undefined);
}

/** Start-up passed its deadline: continue the run (from its last checkpoint) on the backend offered. */
export function acceptNextBackend() {
  const next = useLab.getState().startup?.next;
  if (next) resumeOn(next);
}

export const keepWaitingForBackend = () => startup.keepWaiting();

/**
 * After the training worker's death: a new worker reopens the run from its last save (same record,
 * series and edit log), or, with nothing saved, starts again with the same settings.
 */
export function continueAfterDeath() {
  const s = useLab.getState();
  const at = continuePoint(s, storedStep(s.runKey));
  const config = s.applied ?? s.config;
  useLab.setState({ config, applied: config, runState: 'loading', phase: at ? `Reopening the last save (step ${at.step})…` : 'Starting again with the same settings…', notice: null });
  // Started like any other worker: the start-up deadline watches it too (a backend that hangs now).
  startup.begin(config.backend, at?.step ?? 0, !!at);
  startWorker(config, at ? { step: at.step, checkpoints: [], runKey: at.runKey } : undefined);
  continuing = at;
}

/** Test hooks: kill the training worker from inside, or terminate it as the browser would. */
export const killWorker = (action: DeathAction) => send({ type: 'debug', action });
export const terminateWorker = () => rawWorker?.terminate();
/** Test hook: the silence the training worker's watchdog allows now (ms). */
export const workerDeadline = () => link?.watchdog.deadlineMs ?? NaN;

/** Reopens a saved run from its last checkpoint (its curves, edit markers and settings come back). */
export function openSavedRun(id: string) {
  useLab.setState({ runState: 'loading', phase: 'Opening the saved run…', notice: null });
  send({ type: 'open-run', id, backend: (useLab.getState().applied ?? useLab.getState().config).backend });
}

/** The run shown read-only: the tab training it stops (after saving), and it is reloaded here to train on. */
export function takeOver() {
  const s = useLab.getState();
  if (!s.runKey || s.lease === 'writer') return;
  useLab.setState({ runState: 'loading', phase: 'Taking the run over…', notice: null });
  send({ type: 'take-over', id: s.runKey, backend: (s.applied ?? s.config).backend });
}

/** The run shown read-only (or moved away) trains on here as a new saved run. */
export function trainCopy() {
  useLab.setState({ notice: null });
  send({ type: 'train-copy' });
}

export const stopTeacher = () => send({ type: 'stop-teacher' });
export const forgetTeacher = () => send({ type: 'forget-teacher' });
export const exportFile = (what: ExportKind, runId = 0) => send({ type: 'export', what, runId });

export async function loadTeacherFile(file: File) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  useLab.setState({ notice: null });
  link?.post({ type: 'load-teacher', name: file.name, bytes } satisfies Command, [bytes.buffer]);
}

export async function openRunFile(file: File) {
  const text = await file.text();
  useLab.setState({ notice: null });
  send({ type: 'open-run-file', name: file.name, text });
}

/** The lab student's logits for raw images (0..255, NHWC) — used to check an exported model. */
export function predictWithStudent(images: Float32Array, count: number, runId = 0): Promise<Float32Array> {
  const requestId = nextRequest++;
  return new Promise((resolve, reject) => {
    predictions.set(requestId, { resolve, reject });
    send({ type: 'predict', requestId, runId, images, count });
  });
}

/** A deliberate backend change: checkpoint now, then continue from it on `backend`. */
export function switchBackend(backend: BackendPref) {
  // Not any new checkpoint: one posted by a background save while still running comes before its
  // write has landed (the next worker would reopen an older record). The first one after the
  // pause is saved first, and is where the run stopped.
  const s0 = useLab.getState();
  let paused = s0.runState !== 'running' ? { ck: s0.lastCheckpoint } : null;
  const unsubscribe = useLab.subscribe((s) => {
    if (!paused) {
      if (s.runState !== 'running') paused = { ck: s.lastCheckpoint };
      return;
    }
    if (s.lastCheckpoint && s.lastCheckpoint !== paused.ck) {
      unsubscribe();
      resumeOn(backend);
    }
  });
  send({ type: 'pause' });
  send({ type: 'checkpoint' });
}

let autoplayOnReady = false;
/** Play as soon as the next (re)start is ready: one-click lessons and ?autoplay=1. */
export function autoplayNextReady() {
  autoplayOnReady = true;
}
useLab.subscribe((s, prev) => {
  if (autoplayOnReady && s.runState === 'paused' && prev.runState === 'loading') {
    autoplayOnReady = false;
    play();
  }
});
