// Screen-reader summaries of the probe views (ProbeViews.tsx): the scatter as a sentence, the
// per-class means as a table.
import type { HintId } from '../../core/train/config';
import { rangeText } from './summary';
import { WEIGHT_NAME } from './axes';

export function scatterSummary(groups: { data: { x: number; y: number }[] }[], hint: HintId | undefined, weight: keyof typeof WEIGHT_NAME = 'v'): string {
  const pts = groups.flatMap((g) => g.data);
  if (!pts.length || !hint) return 'No probe instances yet.';
  const name = hint.toUpperCase();
  return `${pts.length} probe instances. ${name} loss ${rangeText(pts.map((p) => p.x))}; weight ${WEIGHT_NAME[weight]} for ${name} ${rangeText(pts.map((p) => p.y))}.`;
}

export function ClassTable({ rows, hints }: { rows: Record<string, number | string>[]; hints: HintId[] }) {
  return (
    <table>
      <caption>Mean weight ṽ per class</caption>
      <thead>
        <tr><th scope="col">class</th>{hints.map((h) => <th key={h} scope="col">{h.toUpperCase()}</th>)}</tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={String(r.name)}>
            <th scope="row">{r.name}</th>
            {hints.map((h) => <td key={h}>{Number.isFinite(r[h]) ? (r[h] as number).toFixed(3) : '—'}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
