// The saved-runs overlay's lines (SavedCompare.tsx): per run its total loss (left axis) and test
// accuracy (right axis: a fraction, shown in %), in the run's colour; a line with no points is left out.
import type { LogColumn } from '../../core/runs/run-log';
import type { RunRecord } from '../../core/storage/run-store';
import { runColor } from '../charts/colors';
import { downsample } from '../charts/downsample';
import type { PlotLine } from '../charts/series-lines';

export interface OverlayLine extends PlotLine {
  axis: 'loss' | 'acc';
}

function curve(r: RunRecord, col: LogColumn) {
  return downsample(Float64Array.from(r.series.column('step'), (x) => x + 1), r.series.column(col));
}

export function overlayLines(records: readonly RunRecord[]): OverlayLine[] {
  return records.flatMap((r, i): OverlayLine[] => [
    { key: `l${i}`, axis: 'loss', name: `${r.name}: loss`, color: runColor(i), data: curve(r, 'loss.total') },
    { key: `a${i}`, axis: 'acc', name: `${r.name}: test accuracy`, color: runColor(i), dash: '4 3', dots: true, data: r.series.evals.map((e) => ({ x: e.step, y: e.testAcc })) },
  ]).filter((l) => l.data.length > 0);
}
