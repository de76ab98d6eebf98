// Start-up on a new backend, below the bar: what runs and for how long (refreshed every second by
// the page's clock, even while the worker is stuck compiling), then, past the deadline, the offer
// to continue on the next backend, or to keep waiting.
import { acceptNextBackend, keepWaitingForBackend } from '../store/actions';
import { useLab } from '../store/lab-store';
import { offerLine, progressLine, showsProgress } from './startup-text';

export function StartupNotice() {
  const v = useLab((s) => s.startup);
  const phase = useLab((s) => s.phase);
  if (!v || (!showsProgress(v) && !v.overdue)) return null;
  return (
    <div className="notices">
      {showsProgress(v) && <p className="notice startup-progress" data-testid="startup-progress">{progressLine(v, phase)}</p>}
      {v.overdue && (
        <div className="notice warn" role="alert" data-testid="startup-offer">
          <p>{offerLine(v)}</p>
          <div className="resume-buttons">
            {v.next && (
              <button type="button" className="primary" onClick={acceptNextBackend} data-testid="startup-switch">
                Switch to {v.next}
              </button>
            )}
            <button type="button" onClick={keepWaitingForBackend} data-testid="startup-wait">Keep waiting</button>
          </div>
        </div>
      )}
    </div>
  );
}
