import { ReferenceLine } from 'recharts';
import { useLab, type Edit } from '../store/lab-store';
import { markerRows } from './marker-layout';

const ROW_PX = 15;

/**
 * Live edits as vertical markers (recharts needs them as direct children, so this is a function).
 * Labels of nearby edits go on rows of their own (marker-layout.ts); the axis spans the steps so far.
 */
export function editMarkers(edits: Edit[], span = useLab.getState().step) {
  const applied = edits.filter((e) => e.status === 'applied');
  const rows = markerRows(applied, Math.max(span, ...applied.map((e) => e.step)));
  return applied.map((e, i) => (
    <ReferenceLine
      key={`edit-${e.id}`}
      x={e.step}
      stroke="#7a3e00"
      strokeDasharray="4 3"
      ifOverflow="extendDomain"
      label={{
        value: e.label,
        content: ({ viewBox }) => {
          const at = viewBox && 'x' in viewBox ? viewBox : { x: 0, y: 0 };
          return <text x={(at.x ?? 0) + 4} y={(at.y ?? 0) + 14 + rows[i] * ROW_PX} fill="#7a3e00" fontSize={13} className="edit-marker-label">{e.label}</text>;
        },
      }}
      className="edit-marker"
    />
  ));
}
