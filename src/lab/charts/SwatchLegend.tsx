// A plain HTML legend. recharts' <Legend> measures itself on every redraw (a forced layout per
// chart per tick), which showed up as long main-thread tasks while training.
export interface LegendItem {
  name: string;
  color: string;
  dash?: string;
}

export function SwatchLegend({ items }: { items: LegendItem[] }) {
  return (
    <ul className="swatch-legend" aria-label="Legend">
      {items.map((it) => (
        <li key={it.name}>
          <svg width="22" height="10" aria-hidden="true">
            <line x1="0" y1="5" x2="22" y2="5" stroke={it.color} strokeWidth="3" strokeDasharray={it.dash} />
          </svg>
          {it.name}
        </li>
      ))}
    </ul>
  );
}
