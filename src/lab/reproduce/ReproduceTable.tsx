// The reproduce table: per method the mean ± sd over seeds of the final test accuracy, the best
// (optimistic: picked by validation, read on test), the final validation accuracy and mean ṽ per
// hint; then the paired differences with their 95 % intervals, and what the run was.
import { METHOD_SPECS, type MethodSpec } from '../../core/methods/methods';
import { interval, minutes, pm, verdict, type ReproduceResult } from '../../core/reproduce/result';
import { runColor } from '../charts/colors';

/** The lab's name for a method id; an unknown id (a newer CLI) is shown as it is. */
export const methodLabel = (m: string) => (METHOD_SPECS as Record<string, MethodSpec | undefined>)[m]?.label ?? m;

function Facts({ r, file }: { r: ReproduceResult; file: string }) {
  const env = Object.entries(r.environment).map(([k, v]) => `${k} ${v}`).join(', ');
  return (
    <dl className="reproduce-facts" data-testid="reproduce-facts">
      <dt>File</dt><dd>{file}</dd>
      <dt>Command</dt><dd><code>{r.command || '—'}</code></dd>
      <dt>Date</dt><dd>{r.date || '—'}</dd>
      <dt>Preset, steps</dt><dd>{r.preset}, {r.steps} steps per run</dd>
      <dt>Seeds</dt><dd>{r.seeds.join(', ')} ({r.seeds.length})</dd>
      <dt>Wall time</dt><dd>{minutes(r.wallSeconds)} for the whole command{env ? ` (${env})` : ''}</dd>
    </dl>
  );
}

function Warnings({ r }: { r: ReproduceResult }) {
  const diverged = r.runs.filter((x) => x.diverged);
  if (!r.mismatchedSeeds.length && !diverged.length) return null;
  return (
    <ul className="reproduce-warnings field-error" data-testid="reproduce-warnings">
      {r.mismatchedSeeds.length > 0 && (
        <li>Seed{r.mismatchedSeeds.length > 1 ? 's' : ''} {r.mismatchedSeeds.join(', ')} did not give every method the same initialisation and batches: their paired differences mix method and luck.</li>
      )}
      {diverged.map((x) => (
        <li key={`${x.method}-${x.seed}`}>{methodLabel(x.method)}, seed {x.seed} diverged: {x.diverged}</li>
      ))}
    </ul>
  );
}

export function ReproduceTable({ r, file }: { r: ReproduceResult; file: string }) {
  const hints = [...new Set(r.rows.flatMap((row) => Object.keys(row.vt)))];
  return (
    <>
      <Facts r={r} file={file} />
      <Warnings r={r} />
      <div className="table-scroll">
        <table className="reproduce-table" data-testid="reproduce-table">
          <caption>Accuracy over {r.seeds.length} seeds, in %: mean ± sample standard deviation</caption>
          <thead>
            <tr>
              <th scope="col">method</th>
              <th scope="col">final test acc.</th>
              <th scope="col">best test acc. (optimistic: step chosen on validation)</th>
              <th scope="col">final val. acc.</th>
              <th scope="col">mean ṽ {hints.join(' / ')}</th>
              <th scope="col">run time</th>
            </tr>
          </thead>
          <tbody>
            {r.rows.map((row, i) => (
              <tr key={row.method} data-testid={`reproduce-row-${row.method}`}>
                <th scope="row"><span className="swatch" style={{ background: runColor(i) }} aria-hidden="true" /> {methodLabel(row.method)}</th>
                <td>{pm(row.finalTest)}</td>
                <td>{pm(row.bestTest)}</td>
                <td>{pm(row.finalVal)}</td>
                <td>{hints.map((h) => (h in row.vt ? row.vt[h].toFixed(2) : '—')).join(' / ')}</td>
                <td>{minutes(row.wallSeconds)}{row.seeds.length < r.seeds.length ? ` (${row.seeds.length} of ${r.seeds.length} seeds)` : ''}{row.diverged ? ` (${row.diverged} diverged)` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {r.pairs.length > 0 && (
        <div className="table-scroll">
          <table className="reproduce-table" data-testid="reproduce-pairs">
            <caption>Differences paired by seed, in accuracy points, with 95 % intervals. Only an interval that leaves 0 out supports a difference.</caption>
            <thead>
              <tr><th scope="col">difference</th><th scope="col">test acc. [95 % interval]</th><th scope="col">supported?</th><th scope="col">val. acc. [95 % interval]</th></tr>
            </thead>
            <tbody>
              {r.pairs.map((p) => (
                <tr key={`${p.method}-${p.against}`} data-testid={`reproduce-pair-${p.method}-${p.against}`}>
                  <th scope="row">{methodLabel(p.method)} − {methodLabel(p.against)}</th>
                  <td>{interval(p.test)}</td>
                  <td>{verdict(p.test)}</td>
                  <td>{interval(p.val)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
