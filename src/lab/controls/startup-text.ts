// The words of start-up on a backend: what runs and for how long, the line of a mid-run switch,
// and the offer once the deadline has passed (store/startup-watch.ts keeps the clock).
import type { StartupView } from '../store/startup-watch';

const secs = (ms: number) => Math.floor(ms / 1000);

/**
 * The progress line appears once start-up has taken this long: a start (or a first step after
 * play) over in a blink needs no line, and the page below the bar should not jump at every play.
 */
export const PROGRESS_AFTER_MS = 2000;

/** Whether the progress line shows: working towards the first step for a while already. */
export const showsProgress = (v: StartupView | null): boolean => !!v && v.busy && v.elapsedMs >= PROGRESS_AFTER_MS;

/** The backend named to the user: the one running, else the one asked for. */
const shown = (v: StartupView) => v.backend ?? v.pref;

/** "Resuming on webgl from step 120…" for a run continued from a checkpoint; null otherwise. */
export function resumeLine(v: StartupView | null): string | null {
  return v?.resuming ? `Resuming on ${shown(v)} from step ${v.fromStep}…` : null;
}

/** The worker's latest phase with the time so far, e.g. "Compiling shaders for webgpu: pass 2 of 4 (…), 38 s so far". */
export function progressLine(v: StartupView, phase: string): string {
  const what = phase.replace(/…$/, '') || `Waiting for the first step on ${shown(v)}`;
  return `${what}, ${secs(v.elapsedMs)} s so far`;
}

/** "webgpu has not finished a step in 60 s; switch to webgl?" */
export function offerLine(v: StartupView): string {
  const late = `${shown(v)} has not finished a step in ${secs(v.dueMs)} s`;
  if (!v.next) return `${late}, and there is no other backend to try. Keep waiting, or reload the page with smaller settings.`;
  const from = v.resuming ? ` The run continues from step ${v.fromStep}.` : '';
  return `${late}; switch to ${v.next}?${from}`;
}
