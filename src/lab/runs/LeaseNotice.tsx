// One tab writes a saved run (the training worker holds its lease). Here: the run shown read-only
// because another tab trains it, or the run that moved to another tab, and what can be done.
import { openSavedRun, takeOver, trainCopy } from '../store/actions';
import { useLab } from '../store/lab-store';

export const READ_ONLY_TEXT = 'This run is training in another tab; it is shown read-only here. Take over to train it here: the other tab stops and keeps what it saved.';
export const MOVED_TEXT = 'This run moved to another tab.';

export function LeaseNotice() {
  const lease = useLab((s) => s.lease);
  const runKey = useLab((s) => s.runKey);
  const step = useLab((s) => s.step);
  const busy = useLab((s) => s.runState === 'loading');
  if (lease === 'writer' || !runKey) return null;
  return (
    <div className="notice warn lease-notice" role="status" data-testid="lease-notice">
      {lease === 'read-only' ? (
        <>
          <p>{READ_ONLY_TEXT}</p>
          <p>Or train a copy: it goes on here as a new saved run, and the other tab keeps this one.</p>
          <div className="resume-buttons">
            <button type="button" className="primary" disabled={busy} onClick={takeOver}>Take over</button>
            <button type="button" disabled={busy} onClick={trainCopy}>Train a copy</button>
          </div>
        </>
      ) : (
        <>
          <p>{MOVED_TEXT}</p>
          <p>Training stopped here; everything up to step {step} was saved, and the other tab trains on from there. Reopen it to see it (read-only while the other tab has it), or train a copy here.</p>
          <div className="resume-buttons">
            <button type="button" className="primary" disabled={busy} onClick={() => openSavedRun(runKey)}>Reopen</button>
            <button type="button" disabled={busy} onClick={trainCopy}>Train a copy</button>
          </div>
        </>
      )}
    </div>
  );
}
