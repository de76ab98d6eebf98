import { Line, LineDrawShape, type LineDrawShapeProps } from 'recharts';

export interface PlotLine {
  key: string;
  data: { x: number; y: number }[];
  name: string;
  color: string;
  dash?: string;
  /** Draw each point (sparse series such as test accuracy). */
  dots?: boolean;
}

/** A ref no one reads: it takes the paths' elements instead of the refs recharts measures. */
const UNREAD = { current: null } as unknown as LineDrawShapeProps['pathRef'];

/**
 * recharts' own line, with its path element kept from the Line: holding it, a Line measures the
 * path's length (getTotalLength, for its entrance animation) on every render, a slow synchronous
 * measurement of a 1,500-point path, though our lines never animate. The path drawn is the same.
 */
function unmeasuredLine(props: LineDrawShapeProps) {
  return <LineDrawShape {...props} pathRef={UNREAD} />;
}

/** The charts' lines, drawn alike (recharts needs them as direct children, so this is a function). */
export function seriesLines(lines: PlotLine[]) {
  return lines.map((l) => (
    <Line key={l.key} data={l.data} dataKey="y" name={l.name} stroke={l.color} strokeDasharray={l.dash} dot={l.dots ? { r: 3 } : false} isAnimationActive={false} strokeWidth={2} shape={unmeasuredLine} />
  ));
}
