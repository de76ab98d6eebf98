import { ReferenceLine } from 'recharts';
import type { Edit } from '../store/lab-store';

/** Live edits as vertical markers (recharts needs them as direct children, so this is a function). */
export function editMarkers(edits: Edit[]) {
  return edits
    .filter((e) => e.status === 'applied')
    .map((e) => (
      <ReferenceLine
        key={`edit-${e.id}`}
        x={e.step}
        stroke="#7a3e00"
        strokeDasharray="4 3"
        ifOverflow="extendDomain"
        label={{ value: e.label, position: 'insideTopLeft', fill: '#7a3e00', fontSize: 13 }}
        className="edit-marker"
      />
    ));
}
