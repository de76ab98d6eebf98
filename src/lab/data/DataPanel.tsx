// Your own data: import (file picker or drag and drop, parsed in the import worker), the imported
// datasets kept in the browser, and the dataset of the run — a cold setting, so switching asks first.
import { useState } from 'react';
import { create } from 'zustand';
import type { ImportSettings } from '../contract';
import { BUILTIN_DATASET, type LabConfig } from '../config/lab-config';
import { isHidden } from '../config/hidden';
import type { ConfirmRequest } from '../controls/ConfirmDialog';
import { NumberField } from '../controls/NumberField';
import { resetRuns } from '../store/actions';
import { useLab } from '../store/lab-store';
import { deleteDataset, importFiles, useLibrary } from '../store/library';

export const ACCEPT = '.gz,.tgz,.tar,.bin,.zip,.idx,.idx1-ubyte,.idx3-ubyte,.ubyte,application/gzip,application/zip,application/octet-stream';

/** The import settings the panel shows, kept outside the component for the page-wide drop target (the seed is the run's). */
const settingsStore = { current: { testFraction: 0.2, maxTrain: 20_000, maxTest: 5_000, imageSize: 32, seed: 1 } as ImportSettings };

/** Why the last drop was not imported; shown until the next import starts. */
export const useImportRefusal = create<{ message: string | null }>(() => ({ message: null }));

/**
 * Imports chosen or dropped files (the panel's picker and drop zone, and the page-wide drop
 * target): the panel's import settings with the run's seed. Refused with a visible message while
 * an import is running: the worker would queue it, but the page follows one job at a time.
 */
export function startImport(files: FileList | File[] | null | undefined): boolean {
  if (!files?.length) return false;
  const list = [...files];
  const job = useLibrary.getState().job;
  if (job?.state === 'running') {
    useImportRefusal.setState({ message: `${list.map((f) => f.name).join(', ')} not imported: ${job.files} is still being imported. Drop ${list.length > 1 ? 'them' : 'it'} again once that has finished.` });
    return false;
  }
  useImportRefusal.setState({ message: null });
  const lab = useLab.getState();
  importFiles(list, { ...settingsStore.current, seed: (lab.applied ?? lab.config).cold.seed });
  return true;
}

/** "12.3 MB" for bytes, "1,200 images" otherwise. */
export function amount(n: number, unit: string): string {
  if (unit === 'bytes') return n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${Math.round(n / 1e3)} kB`;
  return `${n.toLocaleString('en')} ${unit}`;
}

export function DataPanel({ confirm }: { confirm: (r: ConfirmRequest) => void }) {
  const datasets = useLibrary((s) => s.datasets);
  const job = useLibrary((s) => s.job);
  const refused = useImportRefusal((s) => s.message);
  const config = useLab((s) => s.applied ?? s.config);
  const step = useLab((s) => s.step);
  const [settings, setSettings] = useState<ImportSettings>(settingsStore.current);
  const [over, setOver] = useState(false);
  const update = (patch: Partial<ImportSettings>) => {
    const next = { ...settings, ...patch };
    settingsStore.current = next;
    setSettings(next);
  };
  const choose = (id: string) => {
    if (id === config.cold.dataset) return;
    const name = id === BUILTIN_DATASET ? 'Fashion-MNIST (built in)' : datasets.find((d) => d.id === id)?.name ?? id;
    const next: LabConfig = { ...config, cold: { ...config.cold, dataset: id } };
    confirm({
      title: 'Reset the run?',
      body: `Switching the dataset to ${name} starts new runs from scratch${step > 0 ? ` (now at step ${step}; the current run stays in your saved runs)` : ''}.${id !== BUILTIN_DATASET ? ' If this dataset has no teacher yet, the lab trains one first.' : ''}`,
      confirmLabel: 'Reset and apply',
      onConfirm: () => resetRuns(next),
    });
  };
  const running = job?.state === 'running';
  // A card with nothing left to show is not rendered (`data_hide=1`, or both its controls hidden).
  if (isHidden('data') || (isHidden('dataset') && isHidden('import'))) return null;
  return (
    <section className="card panel" aria-labelledby="data-title" data-testid="data-panel">
      <h2 id="data-title">Data</h2>
      {!isHidden('dataset') && (
        <div className="field">
          <label htmlFor="dataset-select">Dataset</label>
          <select id="dataset-select" value={config.cold.dataset} onChange={(e) => choose(e.target.value)}>
            <option value={BUILTIN_DATASET}>Fashion-MNIST (built in)</option>
            {datasets.map((d) => <option key={d.id} value={d.id}>{d.name} ({d.train} train / {d.test} test)</option>)}
            {config.cold.dataset !== BUILTIN_DATASET && !datasets.some((d) => d.id === config.cold.dataset) && <option value={config.cold.dataset}>{config.cold.dataset}</option>}
          </select>
        </div>
      )}
      {!isHidden('import') && (
        <>
          <div
            className={`drop-zone${over ? ' over' : ''}`}
            data-testid="drop-zone"
            onDragOver={(e) => {
              e.preventDefault();
              setOver(true);
            }}
            onDragLeave={() => setOver(false)}
            onDrop={(e) => {
              e.preventDefault();
              e.stopPropagation();
              setOver(false);
              startImport(e.dataTransfer.files);
            }}
          >
            <p>Import your own: CIFAR-10/100 binaries (.tar.gz or .bin), MNIST/Fashion-MNIST IDX (raw or .gz), or a .zip with one folder of images per class. Drop files here or anywhere on the page, or</p>
            <label className="file-button">
              Choose files…
              <input type="file" multiple accept={ACCEPT} data-testid="import-input" aria-label="Choose dataset files to import" disabled={running} onChange={(e) => { startImport(e.target.files); e.target.value = ''; }} />
            </label>
          </div>
          <details className="import-options">
            <summary>Import options</summary>
            <NumberField label="Test share when the files have no split (%)" rule={{ min: 5, max: 50, label: 'test share' }} value={Math.round(settings.testFraction * 100)} onCommit={(v) => update({ testFraction: v / 100 })} />
            <NumberField label="Most training images kept" rule={{ min: 10, max: 200_000, integer: true, label: 'training cap' }} value={settings.maxTrain} onCommit={(v) => update({ maxTrain: v })} />
            <NumberField label="Most test images kept" rule={{ min: 10, max: 50_000, integer: true, label: 'test cap' }} value={settings.maxTest} onCommit={(v) => update({ maxTest: v })} />
            <NumberField label="Image side for a zip of images (px)" rule={{ min: 8, max: 64, integer: true, label: 'image side' }} value={settings.imageSize} onCommit={(v) => (v % 4 ? ['image side: use a multiple of 4'] : update({ imageSize: v }))} />
          </details>
        </>
      )}
      {job && (
        <div className="import-status" aria-live="polite" data-testid="import-status">
          {job.state === 'running' && (
            <>
              <p>{job.phase} {job.current ?? job.files}{job.total > 0 ? `: ${amount(job.done, job.unit)} of ${amount(job.total, job.unit)}` : '…'}</p>
              <progress aria-label="Import progress" max={job.total || 1} value={job.total ? job.done : undefined} />
              {refused && <p className="notice warn" role="alert" data-testid="import-refused">{refused}</p>}
            </>
          )}
          {job.state === 'error' && (
            <div className="notice error" role="alert" data-testid="import-error">
              <p><strong>Import failed.</strong> {job.message}</p>
              <p>Nothing was imported; the current run and your saved runs are unchanged.</p>
            </div>
          )}
          {job.state === 'done' && (
            <div data-testid="import-done">
              <p>{job.message}</p>
              {job.notes.length > 0 && <ul className="import-notes">{job.notes.map((n, i) => <li key={i}>{n}</li>)}</ul>}
              {job.datasetId && job.datasetId !== config.cold.dataset && (
                <button type="button" className="primary" onClick={() => choose(job.datasetId!)}>Train on it</button>
              )}
            </div>
          )}
        </div>
      )}
      {datasets.length > 0 && (
        <ul className="dataset-list" aria-label="Imported datasets">
          {datasets.map((d) => (
            <li key={d.id}>
              <span>{d.name}: {d.train} train / {d.test} test, {d.height}×{d.width}×{d.channels}, {d.classes} classes</span>
              <button type="button" disabled={d.id === config.cold.dataset} title={d.id === config.cold.dataset ? 'In use by the current run' : undefined} onClick={() => void deleteDataset(d.id)} aria-label={`Delete dataset ${d.name}`}>Delete</button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
