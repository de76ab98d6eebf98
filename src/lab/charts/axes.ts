// Axis titles, alike on every chart: the y title runs up the left edge, inside the margin the
// charts leave for it (a YAxis `width` of 64 or more).
export function axisTitle(value: string, side: 'left' | 'right' = 'left') {
  return { value, angle: side === 'left' ? -90 : 90, position: side === 'left' ? 'insideLeft' : 'insideRight', style: { textAnchor: 'middle' }, fontSize: 13, className: 'axis-title' } as const;
}

/** The x title of every step axis. */
export const STEP_TITLE = { value: 'step', position: 'insideBottomRight', offset: -4, className: 'axis-title' } as const;

/** The names of the two weights the probe views plot. */
export const WEIGHT_NAME = { v: 'v now', vt: 'stored ṽ' } as const;
