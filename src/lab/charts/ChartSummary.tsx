// What a screen reader hears for a chart: a visually hidden table of each series' latest value.
// It is rendered by the chart itself, so it updates on the charts' throttled clock, not per step.
import { latestRows, type SummaryLine } from './summary';

export function LatestTable({ lines, format, xName = 'step', caption = 'Latest values' }: { lines: SummaryLine[]; format: (y: number) => string; xName?: string; caption?: string }) {
  const rows = latestRows(lines);
  if (!rows.some((r) => r.x !== null)) return <p>No data yet.</p>;
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr><th scope="col">series</th><th scope="col">{xName}</th><th scope="col">value</th></tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.name}>
            <th scope="row">{r.name}</th>
            <td>{r.x ?? '—'}</td>
            <td>{r.y === null ? '—' : format(r.y)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
