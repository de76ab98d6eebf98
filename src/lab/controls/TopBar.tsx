// Play/pause, step, reset and readouts, in the spirit of TensorFlow Playground's top bar.
import { BACKEND_NAMES, type BackendPref } from '../contract';
import { isHidden } from '../config/hidden';
import { pause, play, resetRuns, stepOnce, switchBackend } from '../store/actions';
import { useLab } from '../store/lab-store';
import type { ConfirmRequest } from './ConfirmDialog';
import { ShareLink } from './ShareLink';

export function TopBar({ confirm }: { confirm: (r: ConfirmRequest) => void }) {
  const runState = useLab((s) => s.runState);
  const step = useLab((s) => s.step);
  const rate = useLab((s) => s.stepsPerSec);
  const backend = useLab((s) => s.backend);
  const reason = useLab((s) => s.backendReason);
  const adapter = useLab((s) => s.adapter);
  const pref = useLab((s) => (s.applied ?? s.config).backend);
  const phase = useLab((s) => s.phase);
  // No checkpoint exists during the teacher phase, so a backend switch has nothing to resume from.
  const teacherTraining = useLab((s) => s.teacherPhase?.state === 'training');
  const ready = runState === 'paused' || runState === 'running';
  const running = runState === 'running';
  return (
    <div className="topbar" role="toolbar" aria-label="Training controls">
      <button type="button" className="primary big" onClick={running ? pause : play} disabled={!ready} aria-keyshortcuts="Space" data-testid="play">
        {running ? '❚❚ Pause' : '▶ Play'}
      </button>
      <button type="button" onClick={stepOnce} disabled={runState !== 'paused'} data-testid="step-once">Step once</button>
      <button
        type="button"
        disabled={!ready}
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
      <div className="readout" aria-live="off">
        <span data-testid="step">Step {step}</span>
        <span data-testid="rate">{rate.toFixed(1)} steps/s</span>
        <span data-testid="run-state">{runState === 'loading' ? phase || 'loading…' : runState}</span>
      </div>
      <div className="backend">
        {!isHidden('backend') && <label htmlFor="backend-select">Backend</label>}
        {!isHidden('backend') && <select
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
        </select>}
        <span className="backend-name" data-testid="backend" title={reason}>
          {backend ? `Running on ${backend}` : '…'}
        </span>
      </div>
      <ShareLink />
      {backend && <p className="backend-reason" data-testid="backend-reason">Why: {reason}{adapter ? ` · adapter: ${adapter}` : ''}</p>}
    </div>
  );
}
