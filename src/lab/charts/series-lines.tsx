import { Line } from 'recharts';

export interface PlotLine {
  key: string;
  data: { x: number; y: number }[];
  name: string;
  color: string;
  dash?: string;
  /** Draw each point (sparse series such as test accuracy). */
  dots?: boolean;
}

/** The charts' lines, drawn alike (recharts needs them as direct children, so this is a function). */
export function seriesLines(lines: PlotLine[]) {
  return lines.map((l) => (
    <Line key={l.key} data={l.data} dataKey="y" name={l.name} stroke={l.color} strokeDasharray={l.dash} dot={l.dots ? { r: 3 } : false} isAnimationActive={false} strokeWidth={2} />
  ));
}
