// The latest value of each series, for charts' screen-reader tables (ChartSummary.tsx).
export interface SummaryLine {
  name: string;
  data: { x: number; y: number }[];
}

export interface SummaryRow {
  name: string;
  /** Step (or x) of the latest point, null when the series has none yet. */
  x: number | null;
  y: number | null;
}

export function latestRows(lines: SummaryLine[]): SummaryRow[] {
  return lines.map((l) => {
    for (let i = l.data.length - 1; i >= 0; i--) {
      const p = l.data[i];
      if (Number.isFinite(p.y)) return { name: l.name, x: p.x, y: p.y };
    }
    return { name: l.name, x: null, y: null };
  });
}

/** A one-line summary of a point cloud: how many points and the range of each axis. */
export function rangeText(values: number[], digits = 2): string {
  const v = values.filter(Number.isFinite);
  if (!v.length) return 'none yet';
  let lo = Infinity, hi = -Infinity, sum = 0;
  for (const x of v) {
    lo = Math.min(lo, x);
    hi = Math.max(hi, x);
    sum += x;
  }
  return `from ${lo.toFixed(digits)} to ${hi.toFixed(digits)}, mean ${(sum / v.length).toFixed(digits)}`;
}
