// The drawing area of a chart. Its card sizes it (the dashboard fits four charts to a screen), it
// is hidden from screen readers (they read the card's summary table instead of axis ticks), and
// where nothing is drawn yet it says why instead of showing a blank area.
import type { ReactElement } from 'react';
import { ResponsiveContainer } from 'recharts';

export function PlotBox({ children, empty }: { children: ReactElement; empty?: string | null }) {
  return (
    <div className="plot-box">
      <div className="plot-inner" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%" minWidth={0} minHeight={0}>{children}</ResponsiveContainer>
      </div>
      {empty && <p className="plot-empty" data-testid="plot-empty">{empty}</p>}
    </div>
  );
}

/** The note shown in a curve chart before its first point. */
export const NO_POINTS_YET = 'Press ▶ Play (or Space): the curves start with the first step.';
