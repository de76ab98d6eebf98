// The one run loop (as epfml/disco's training generator): an async generator that drives trainers
// on their schedule and yields what happened, so the CLI, `reproduce`, replays and the lab's worker
// all train the same way. It stops when the caller stops pulling (`return()`, or leaving a
// for-await), takes hot edits between steps, and keeps no state of its own: what is due comes from
// the trainers' step counts, so a new loop continues exactly where an old one stopped.
import type { HotSettings } from './config';
import { DivergedError, SettingsError } from './errors';
import type { ProbeReport } from './report';

/** What the loop needs of a trainer (the student Trainer and the TeacherTrainer both are). */
export interface LoopTrainer<S = unknown, E = unknown> {
  readonly stepsDone: number;
  step(): Promise<S>;
  evaluate(): Promise<E>;
  probes?(): Promise<ProbeReport>;
  setHot?(partial: Partial<HotSettings>): HotSettings;
}

export type LoopEvent<S = unknown, E = unknown> =
  /** Run `run` took a step (runs step in lockstep, in order). */
  | { type: 'step'; run: number; report: S }
  | { type: 'probes'; run: number; report: ProbeReport }
  | { type: 'eval'; run: number; report: E; final: boolean }
  /** A hot edit applied to every run before step `step` (steps done). */
  | { type: 'edit'; step: number; changed: Partial<HotSettings>; hot: HotSettings }
  /** A hot edit every run refused; nothing changed. */
  | { type: 'edit-refused'; step: number; changed: Partial<HotSettings>; error: SettingsError }
  /** Run `run`'s step was refused as non-finite; the loop ends, every run keeps its last good state. */
  | { type: 'diverged'; run: number; error: DivergedError }
  /** The loop reached `until`. */
  | { type: 'done'; step: number };

export interface LoopOptions {
  /** Stop when the runs have done this many steps (default: go on until the caller stops). */
  until?: number;
  /** Probes every this many steps done (0: never). */
  probeEvery?: number;
  /** Evaluations every this many steps done (0: never). */
  evalEvery?: number;
  /** Evaluate once more on reaching `until` (the reported final result). */
  finalEval?: boolean;
  /** Hot edits due before the next step, polled between steps (live edits, a replayed edit log). */
  edits?: (stepsDone: number) => Partial<HotSettings>[];
}

export async function* runLoop<S, E>(trainers: LoopTrainer<S, E>[], opts: LoopOptions = {}): AsyncGenerator<LoopEvent<S, E>, void, undefined> {
  if (!trainers.length) throw new Error('runLoop: no trainer to run');
  const done = () => trainers[0].stepsDone;
  const due = (every: number | undefined) => !!every && done() % every === 0;
  while (opts.until === undefined || done() < opts.until) {
    for (const changed of opts.edits?.(done()) ?? []) {
      try {
        let hot!: HotSettings;
        for (const t of trainers) {
          if (!t.setHot) throw new Error('runLoop: this trainer takes no hot edits');
          hot = t.setHot(changed);
        }
        yield { type: 'edit', step: done(), changed, hot };
      } catch (e) {
        if (!(e instanceof SettingsError)) throw e;
        yield { type: 'edit-refused', step: done(), changed, error: e };
      }
    }
    for (const [run, t] of trainers.entries()) {
      let report: S;
      try {
        report = await t.step();
      } catch (e) {
        if (!(e instanceof DivergedError)) throw e;
        yield { type: 'diverged', run, error: e };
        return;
      }
      yield { type: 'step', run, report };
    }
    const last = opts.until !== undefined && done() >= opts.until;
    if (due(opts.probeEvery)) for (const [run, t] of trainers.entries()) if (t.probes) yield { type: 'probes', run, report: await t.probes() };
    if (due(opts.evalEvery) && !(last && opts.finalEval)) for (const [run, t] of trainers.entries()) yield { type: 'eval', run, report: await t.evaluate(), final: false };
  }
  if (opts.finalEval) for (const [run, t] of trainers.entries()) yield { type: 'eval', run, report: await t.evaluate(), final: true };
  yield { type: 'done', step: done() };
}
