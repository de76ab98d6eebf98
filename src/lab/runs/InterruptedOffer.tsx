// After a crashed tab: offers, in place, to continue the run it was training from its last save.
import { openSavedRun } from '../store/actions';
import { useLab } from '../store/lab-store';
import { useLibrary } from '../store/library';
import { InterruptionTracker, useInterrupted } from './interrupted';

let tracker: InterruptionTracker | null = null;

/** Marks the page's training in localStorage and looks for a run a dead page left behind. */
export function startInterruptionTracking(): void {
  if (tracker || typeof localStorage === 'undefined') return;
  const t = new InterruptionTracker({ storage: localStorage, locks: navigator.locks });
  tracker = t;
  t.hold();
  useLab.subscribe((s) => t.follow(s.runState === 'running', s.runKey, useLibrary.getState().runs.find((r) => r.id === s.runKey)?.name ?? ''));
  window.addEventListener('pagehide', () => t.leave());
  void t.find().then((run) => useInterrupted.setState({ run }));
}

export function InterruptedOffer() {
  const run = useInterrupted((s) => s.run);
  const saved = useLibrary((s) => s.runs.find((r) => r.id === run?.runKey));
  if (!run) return null;
  const answer = () => {
    tracker?.answered(run);
    useInterrupted.setState({ run: null });
  };
  const name = saved?.name ?? run.name;
  return (
    <div className="notice warn" role="alert" data-testid="interrupted-offer">
      <p>The lab closed unexpectedly while “{name}” was training (the tab crashed or the browser stopped it).</p>
      {saved ? (
        <p>Its last save is kept: continue it from there, or dismiss this to keep the new run.</p>
      ) : (
        <p>It was not saved before the tab closed, so there is nothing to continue.</p>
      )}
      {saved && (
        <button type="button" className="primary" onClick={() => { answer(); openSavedRun(run.runKey); }}>
          Continue from the last save (step {saved.step})
        </button>
      )}
      <button type="button" onClick={answer}>Dismiss</button>
    </div>
  );
}
