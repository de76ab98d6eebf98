// Rows for the edit markers' labels (EditMarkers.tsx): a label that would run into the one before
// it (two edits a few steps apart) goes one row lower, instead of printing over it.

/** An assumed plot width and glyph width: the charts are 300–700 px wide, labels 13 px type. */
const PLOT_PX = 400;
const CHAR_PX = 7.5;

/** Each marker's label row (0 = top), in input order; `span` is the steps the x axis shows. */
export function markerRows(markers: readonly { step: number; label: string }[], span: number, plotPx = PLOT_PX): number[] {
  const perPx = Math.max(span, 1) / plotPx;
  const rowEnds: number[] = [];
  const rows = new Array<number>(markers.length);
  markers
    .map((m, i) => ({ m, i }))
    .sort((a, b) => a.m.step - b.m.step || a.i - b.i)
    .forEach(({ m, i }) => {
      let r = rowEnds.findIndex((end) => end <= m.step);
      if (r < 0) r = rowEnds.length;
      rowEnds[r] = m.step + (m.label.length * CHAR_PX + 10) * perPx;
      rows[i] = r;
    });
  return rows;
}
