// Play/pause, step, reset and readouts on one slim row, in the spirit of TensorFlow Playground's
// top bar. Each item can be hidden for a focused exercise (`?play_hide=1`, config/hidden.ts).
import { BACKEND_NAMES, type BackendPref } from '../contract';
import { isHidden } from '../config/hidden';
import { pause, play, resetRuns, stepOnce, switchBackend } from '../store/actions';
import { useLab } from '../store/lab-store';
import type { ConfirmRequest } from './ConfirmDialog';
import { resumeLine } from './startup-text';
import { ShareLink } from './ShareLink';

function BackendPicker({ confirm, ready }: { confirm: (r: ConfirmRequest) => void; ready: boolean }) {
  const pref = useLab((s) => (s.applied ?? s.config).backend);
  // No checkpoint exists during the teacher phase, so a backend switch has nothing to resume from.
  const teacherTraining = useLab((s) => s.teacherPhase?.state === 'training');
  return (
    <>
      <label htmlFor="backend-select" className="backend-label">Backend</label>
      <select
        id="backend-select"
        value={pref}
        disabled={!ready || teacherTraining}
        title={teacherTraining ? 'Available once the teacher is trained' : undefined}
        onChange={(e) => {
          const b = e.target.value as BackendPref;
          confirm({
            title: `Switch to ${b}?`,
            body: 'The training worker restarts on the new backend and continues from a checkpoint taken now.',
            confirmLabel: 'Switch backend',
            onConfirm: () => switchBackend(b),
          });
        }}
      >
        <option value="auto">auto</option>
        {BACKEND_NAMES.map((b) => <option key={b} value={b}>{b}</option>)}
      </select>
    </>
  );
}

/** Why this backend runs (and which adapter), folded behind a toggle to keep the bar one row. */
function BackendReason() {
  const reason = useLab((s) => s.backendReason);
  const adapter = useLab((s) => s.adapter);
  return (
    <details className="backend-why">
      <summary aria-label="Why this choice?">Why?</summary>
      <p className="backend-reason popover" data-testid="backend-reason">Why: {reason}{adapter ? ` · adapter: ${adapter}` : ''}</p>
    </details>
  );
}

export function TopBar({ confirm, onHelp, onPresenter }: { confirm: (r: ConfirmRequest) => void; onHelp: () => void; onPresenter: () => void }) {
  const runState = useLab((s) => s.runState);
  const step = useLab((s) => s.step);
  const rate = useLab((s) => s.stepsPerSec);
  const backend = useLab((s) => s.backend);
  const reason = useLab((s) => s.backendReason);
  const phase = useLab((s) => s.phase);
  // While a switch starts the new worker, the bar says which step the run continues from.
  const resuming = useLab((s) => resumeLine(s.startup));
  const ready = runState === 'paused' || runState === 'running';
  const running = runState === 'running';
  // Another tab writes the run shown: training here would not be saved (see LeaseNotice).
  const writer = useLab((s) => s.lease === 'writer');
  return (
    <div className="topbar" role="toolbar" aria-label="Training controls">
      {!isHidden('play') && (
        <button type="button" className="primary big" onClick={running ? pause : play} disabled={!ready || (!running && !writer)} aria-keyshortcuts="Space" data-testid="play">
          {running ? '❚❚ Pause' : '▶ Play'}
        </button>
      )}
      {!isHidden('step') && <button type="button" onClick={stepOnce} disabled={runState !== 'paused' || !writer} title="One training step, then pause" data-testid="step-once">Step</button>}
      {!isHidden('reset') && (
        <button
          type="button"
          disabled={!ready}
          data-testid="reset"
          onClick={() =>
            confirm({
              title: 'Reset the run?',
              body: 'The student, its optimiser and all charts start over with the same settings.',
              confirmLabel: 'Reset',
              onConfirm: () => resetRuns(useLab.getState().applied ?? useLab.getState().config),
            })
          }
        >
          ↺ Reset
        </button>
      )}
      <div className="readout" aria-live="off">
        <span data-testid="step">Step {step}</span>
        <span data-testid="rate">{rate.toFixed(1)} steps/s</span>
        <span data-testid="run-state">{runState === 'loading' ? resuming ?? (phase || 'loading…') : runState}</span>
      </div>
      <div className="backend">
        {!isHidden('backend') && <BackendPicker confirm={confirm} ready={ready} />}
        <span className="backend-name" data-testid="backend" title={reason}>
          {backend ? `Running on ${backend}` : '…'}
        </span>
        {backend && !isHidden('backendReason') && <BackendReason />}
      </div>
      <div className="bar-end">
        <ShareLink />
        <button type="button" onClick={onHelp} data-testid="open-primer">What is this?</button>
        <button type="button" onClick={onPresenter} aria-keyshortcuts="P" title="Presenter mode: the four key views in large type (P)" data-testid="presenter">Present</button>
      </div>
    </div>
  );
}
