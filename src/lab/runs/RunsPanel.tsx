// Saved runs (IndexedDB, written by the training worker as it trains): reopen one from its last
// checkpoint, rename, delete, or pick two to overlay. The run now training cannot be deleted.
import { useState } from 'react';
import { openSavedRun } from '../store/actions';
import { useLab } from '../store/lab-store';
import { describeStorage, useStorageStatus } from '../store/persistence';
import { deleteRun, renameRun, useLibrary, type SavedRun } from '../store/library';
import { useCompareSaved } from './compare-store';

function when(t: number): string {
  return new Date(t).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}

function RunItem({ run, current, readOnly, picked, onPick }: { run: SavedRun; current: boolean; readOnly: boolean; picked: boolean; onPick: (on: boolean) => void }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(run.name);
  return (
    <li className={current ? 'current' : undefined} data-testid="saved-run">
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const n = name.trim();
            if (n) void renameRun(run.id, n.slice(0, 120));
            setEditing(false);
          }}
        >
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} aria-label={`New name for ${run.name}`} autoFocus />
          <button type="submit">Save name</button>
        </form>
      ) : (
        <span className="run-name" data-testid="saved-run-name">{run.name}</span>
      )}
      <span className="run-meta" data-testid="saved-run-step">
        step {run.step} · {run.status}{current ? (readOnly ? ' · shown read-only' : ' · training now') : ''} · saved {when(run.updatedAt)}
      </span>
      <div className="run-buttons">
        <button type="button" disabled={current && !readOnly} onClick={() => openSavedRun(run.id)} aria-label={`Reopen ${run.name}`}>Reopen</button>
        <button type="button" onClick={() => { setName(run.name); setEditing(true); }} aria-label={`Rename ${run.name}`}>Rename</button>
        <button type="button" disabled={current} title={current ? 'This run is training now' : undefined} onClick={() => void deleteRun(run.id)} aria-label={`Delete ${run.name}`}>Delete</button>
        <label className="check"><input type="checkbox" checked={picked} onChange={(e) => onPick(e.target.checked)} /> compare</label>
      </div>
    </li>
  );
}

export function RunsPanel() {
  const runs = useLibrary((s) => s.runs);
  const storageError = useLibrary((s) => s.storageError);
  const runKey = useLab((s) => s.runKey);
  const saved = useLab((s) => s.saved);
  const readOnly = useLab((s) => s.lease !== 'writer');
  const storageText = describeStorage(useStorageStatus());
  const picked = useCompareSaved((s) => s.picked);
  const pick = (id: string, on: boolean) => useCompareSaved.setState((s) => ({ picked: on ? [...s.picked.filter((x) => x !== id), id].slice(-2) : s.picked.filter((x) => x !== id), shown: null }));
  return (
    <section className="card panel" aria-labelledby="runs-title" data-testid="runs-panel">
      <h2 id="runs-title">Saved runs</h2>
      <p className="panel-note" aria-live="polite" data-testid="save-status">
        {saved?.problem ? '' : saved && saved.runKey === runKey ? `This run was saved at step ${saved.step}.` : 'Runs are saved in this browser as they train (every few seconds and on pause).'}
      </p>
      {saved?.problem && <p className="field-error" role="alert" data-testid="save-problem">{saved.problem}</p>}
      {storageError && <p className="field-error" role="alert">{storageError}</p>}
      {storageText && <p className="panel-note" data-testid="storage-mode">{storageText}</p>}
      {runs.length === 0 ? (
        <p className="empty">No saved runs yet.</p>
      ) : (
        <ul className="saved-runs" aria-label="Saved runs">
          {runs.map((r) => <RunItem key={r.id} run={r} current={r.id === runKey} readOnly={readOnly} picked={picked.includes(r.id)} onPick={(on) => pick(r.id, on)} />)}
        </ul>
      )}
      <button type="button" disabled={picked.length !== 2} onClick={() => useCompareSaved.setState({ shown: [picked[0], picked[1]] })}>
        Compare the two picked runs
      </button>
    </section>
  );
}
