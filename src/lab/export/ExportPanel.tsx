// Take your work out: the whole run's metrics (CSV, JSON), a run file (configuration, seed, edit
// log, environment) and the trained student in TensorFlow.js format; open a run file to replay, or
// the results.json of `npm run reproduce` to view (that one leaves the run alone).
import { exportFile, openRunFile } from '../store/actions';
import { useLab } from '../store/lab-store';
import type { ConfirmRequest } from '../controls/ConfirmDialog';
import { FileButton } from '../controls/FileButton';
import { looksLikeReproduce, openReproduceFile, showReproduce } from '../reproduce/reproduce-store';

export function ExportPanel({ confirm }: { confirm: (r: ConfirmRequest) => void }) {
  const runs = useLab((s) => s.runs);
  const replay = useLab((s) => s.replay);
  const ready = runs.length > 0;
  return (
    <section className="card panel" aria-labelledby="export-title" data-testid="export-panel">
      <h2 id="export-title">Export and replay</h2>
      <button type="button" disabled={!ready} onClick={() => exportFile('metrics-csv')}>Run metrics as CSV</button>
      <button type="button" disabled={!ready} onClick={() => exportFile('metrics-json')}>Run metrics as JSON</button>
      <button type="button" disabled={!ready} onClick={() => exportFile('run-file')} data-testid="export-run-file">Run file (settings, seed, edits)</button>
      {runs.map((r, i) => (
        <button key={i} type="button" onClick={() => exportFile('student', i)} data-testid={`export-student-${i}`}>
          Student{runs.length > 1 ? ` (${r.info.label})` : ''} as a TensorFlow.js model
        </button>
      ))}
      <FileButton
        label="Open a run file to replay it…"
        accept=".json,application/json"
        testId="run-file-input"
        onFile={(f) => void f.text().then((text) =>
          // A reproduce result picked here is shown, not refused as a bad run file.
          looksLikeReproduce(text)
            ? showReproduce(f.name, text)
            : confirm({ title: 'Replay this run file?', body: `The runs restart from the settings and seed in ${f.name}, and its live edits are applied at the steps they were made. The current run stays in your saved runs.`, confirmLabel: 'Replay', onConfirm: () => void openRunFile(f) }))}
      />
      <FileButton label="Open reproduce results (results.json)…" accept=".json,application/json" testId="reproduce-file-input" onFile={(f) => void openReproduceFile(f)} />
      {replay && (
        <p className="panel-note" aria-live="polite" data-testid="replay-status">
          {replay.state === 'running'
            ? `Replaying ${replay.file}: ${replay.edits} edit(s) applied at their recorded steps, up to step ${replay.steps}.`
            : `Replay of ${replay.file} reached step ${replay.steps}, the end of the recorded run. Press play to train on.`}
        </p>
      )}
    </section>
  );
}
