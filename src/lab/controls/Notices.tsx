// Errors and warnings from the worker and the URL, with what to do next. A backend failure
// offers to continue from the last checkpoint on another backend.
import { BACKEND_NAMES } from '../contract';
import { resumeOn } from '../store/actions';
import { useLab } from '../store/lab-store';

export function Notices({ urlErrors }: { urlErrors: string[] }) {
  const notice = useLab((s) => s.notice);
  const backend = useLab((s) => s.backend);
  const ck = useLab((s) => s.lastCheckpoint);
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
          {notice.kind !== 'backend' && (
            <button type="button" onClick={() => useLab.setState({ notice: null })}>Dismiss</button>
          )}
        </div>
      )}
    </div>
  );
}
