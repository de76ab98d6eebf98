// The page's side of the contract: owns the worker, turns UI intents into Commands and worker
// events into store updates. Metrics chunks are acked right after the store has taken them
// (not after rendering: charts render on their own clock), which is the worker's credit.
import type { HotSettings } from '../../core/train/config';
import { validateHot } from '../../core/train/validate';
import type { BackendPref, Command, WorkerEvent } from '../contract';
import type { LabConfig } from '../config/lab-config';
import { applyEvent, useLab } from './lab-store';

let worker: Worker | null = null;
let nextEditId = 1;

function send(cmd: Command) {
  worker?.postMessage(cmd);
}

function onEvent(ev: WorkerEvent) {
  useLab.setState((s) => applyEvent(s, ev));
  if (ev.type === 'metrics') send({ type: 'ack', seq: ev.seq });
}

function spawn(): Worker {
  worker?.terminate();
  const w = new Worker(new URL('../worker/train.worker.ts', import.meta.url), { type: 'module' });
  w.onmessage = (e: MessageEvent<WorkerEvent>) => onEvent(e.data);
  w.onerror = (e) =>
    onEvent({ type: 'error', kind: 'internal', step: useLab.getState().step, message: `The training worker crashed: ${e.message || 'unknown error'}`, advice: 'Reload the page.' });
  worker = w;
  return w;
}

/** Starts a fresh worker and runs for `config`. */
export function boot(config: LabConfig) {
  spawn();
  useLab.setState({ config, applied: config, runState: 'loading', phase: 'Starting the training worker…', notice: null });
  send({ type: 'init', config });
}

export const play = () => send({ type: 'start' });
export const pause = () => send({ type: 'pause' });
export const stepOnce = () => send({ type: 'step' });
export const evaluateNow = () => send({ type: 'evaluate' });
export const simulateLostDevice = () => send({ type: 'debug', action: 'lose-device' });

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

/**
 * A live edit. Validated here against the core schema first: a refused value is never sent.
 * Returns the problems (empty when sent).
 */
export function editHot(changed: Partial<HotSettings>, label: string): string[] {
  const problems = validateHot(changed);
  if (problems.length) return problems;
  const id = nextEditId++;
  useLab.setState((s) => ({ edits: [...s.edits, { id, step: s.step, label, changed, status: 'pending' }] }));
  send({ type: 'set-hot', editId: id, hot: changed });
  return [];
}

/** After a backend failure: a new worker on `backend`, restored from the last checkpoint. */
export function resumeOn(backend: BackendPref) {
  const s = useLab.getState();
  const ck = s.lastCheckpoint;
  const config: LabConfig = { ...(ck?.config ?? s.applied ?? s.config), backend };
  spawn();
  useLab.setState({ config, applied: config, runState: 'loading', phase: `Resuming on ${backend}…`, notice: null });
  send({ type: 'init', config, resume: ck ? { step: ck.step, checkpoints: ck.checkpoints } : undefined });
}

/** A deliberate backend change: checkpoint now, then continue from it on `backend`. */
export function switchBackend(backend: BackendPref) {
  const before = useLab.getState().lastCheckpoint;
  const unsubscribe = useLab.subscribe((s) => {
    if (s.lastCheckpoint && s.lastCheckpoint !== before) {
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
