// The effective learning rate per step (the schedule times the base value), so a user sees why
// the curves settle late in a run and what a live edit of the learning rate did.
import { useMemo } from 'react';
import { CartesianGrid, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { useLab } from '../store/lab-store';
import { useTick } from './chart-clock';
import { ChartCard } from './ChartCard';
import { LatestTable } from './ChartSummary';
import { editMarkers } from './EditMarkers';
import { runColor } from './colors';
import { NO_POINTS_YET, PlotBox } from './PlotBox';
import { seriesLines } from './series-lines';
import { axisTitle, STEP_TITLE } from './axes';
import { columnPoints } from './series-points';
import { SwatchLegend } from './SwatchLegend';
import { stepTick } from './ticks';

const fmt = (y: number) => y.toPrecision(3);

export function LearningRateChart() {
  const tick = useTick('series');
  const edits = useLab((s) => s.edits);
  const lines = useMemo(() => {
    const runs = useLab.getState().runs;
    return runs.map((r, i) => ({ key: `${i}-lr`, name: runs.length > 1 ? r.info.label : 'learning rate', color: runColor(i), dash: undefined, dots: false, data: columnPoints(r.series, 'lr') }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tick]);
  return (
    <ChartCard id="lr" title="Learning rate" explain="lr" summary={<LatestTable lines={lines} format={fmt} />}>
      <PlotBox empty={lines.some((l) => l.data.length) ? null : NO_POINTS_YET}>
        <LineChart margin={{ top: 16, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#ddd" />
          <XAxis type="number" dataKey="x" domain={['dataMin', 'dataMax']} interval={0} tickFormatter={stepTick} label={STEP_TITLE} />
          <YAxis domain={[0, 'auto']} tickFormatter={fmt} width={76} label={axisTitle('learning rate')} />
          <Tooltip isAnimationActive={false} formatter={(v) => fmt(Number(v))} />
          {seriesLines(lines)}
          {editMarkers(edits)}
        </LineChart>
      </PlotBox>
      {lines.length > 1 && <SwatchLegend items={lines} />}
    </ChartCard>
  );
}
