// Errors and warnings from the worker and the URL, with what to do next. A backend failure
// offers to continue from the last checkpoint on another backend; a dead training worker, to
// continue from the last save in a new worker.
import { BACKEND_NAMES } from '../contract';
import { continueAfterDeath, resumeOn } from '../store/actions';
import { useLab } from '../store/lab-store';
import { useLibrary } from '../store/library';
import { continuePoint } from '../store/worker-death';

export function Notices({ urlErrors }: { urlErrors: string[] }) {
  const notice = useLab((s) => s.notice);
  const backend = useLab((s) => s.backend);
  const ck = useLab((s) => s.lastCheckpoint);
  const stored = useLibrary((l) => l.runs);
  const lastSave = useLab((s) => continuePoint(s, stored.find((r) => r.id === s.runKey)?.step)?.step);
  return (
    <div className="notices">
      {urlErrors.length > 0 && (
        <div className="notice warn" role="alert">
          <strong>Some values in the address were refused (a bad setting is replaced by its default; unknown names are ignored):</strong>
          <ul>{urlErrors.map((e, i) => <li key={i}>{e}</li>)}</ul>
        </div>
      )}
      {notice && (
        <div className={`notice ${notice.kind === 'settings' ? 'warn' : 'error'}`} role="alert" data-testid="notice">
          <p>{notice.message}</p>
          <p>{notice.advice}</p>
          {notice.kind === 'backend' && (
            <div className="resume-buttons">
              {BACKEND_NAMES.filter((b) => b !== backend).map((b) => (
                <button key={b} type="button" className="primary" onClick={() => resumeOn(b)}>
                  Continue on {b} {ck ? `from step ${ck.step}` : 'from the start'}
                </button>
              ))}
            </div>
          )}
          {notice.kind === 'worker' && (
            <div className="resume-buttons">
              <button type="button" className="primary" onClick={continueAfterDeath} data-testid="continue-after-death">
                {lastSave !== undefined ? `Continue from the last save (step ${lastSave})` : 'Start again with the same settings'}
              </button>
            </div>
          )}
          {notice.kind !== 'backend' && notice.kind !== 'worker' && (
            <button type="button" onClick={() => useLab.setState({ notice: null })}>Dismiss</button>
          )}
        </div>
      )}
    </div>
  );
}
