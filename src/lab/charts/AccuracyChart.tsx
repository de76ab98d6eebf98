import { useMemo } from 'react';
import { CartesianGrid, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { seriesLines } from './series-lines';
import { axisTitle, STEP_TITLE } from './axes';
import { useLab } from '../store/lab-store';
import { useTick } from './chart-clock';
import { ChartCard } from './ChartCard';
import { stepTick } from './ticks';
import { SwatchLegend } from './SwatchLegend';
import { editMarkers } from './EditMarkers';
import { runColor } from './colors';
import { columnPoints } from './series-points';
import { NO_POINTS_YET, PlotBox } from './PlotBox';
import { LatestTable } from './ChartSummary';

const pct = (y: number) => `${(y * 100).toFixed(1)}%`;

export function AccuracyChart() {
  const tick = useTick('series');
  const edits = useLab((s) => s.edits);
  const { lines, teacher } = useMemo(() => {
    const runs = useLab.getState().runs;
    const lines = runs.flatMap((r, i) => [
      { key: `${i}-train`, name: `${runs.length > 1 ? r.info.label + ': ' : ''}train`, color: runColor(i), dash: '6 4', dots: false, data: columnPoints(r.series, 'acc.train', 0.8) },
      { key: `${i}-test`, name: `${runs.length > 1 ? r.info.label + ': ' : ''}test`, color: runColor(i), dash: undefined, dots: true, data: r.evals.map((e) => ({ x: e.step, y: e.testAcc })) },
    ]);
    return { lines, teacher: runs[0]?.info.teacherAcc };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tick]);
  const hasTeacher = teacher !== undefined && Number.isFinite(teacher);
  return (
    <ChartCard id="accuracy" title="Accuracy" explain="accuracy" summary={<LatestTable lines={lines} format={pct} caption={hasTeacher ? `Latest values (the teacher's test accuracy is ${pct(teacher)})` : undefined} />}>
      <PlotBox empty={lines.some((l) => l.data.length) ? null : NO_POINTS_YET}>
        <LineChart margin={{ top: 16, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#ddd" />
          <XAxis type="number" dataKey="x" domain={['dataMin', 'dataMax']} interval={0} tickFormatter={stepTick} label={STEP_TITLE} />
          <YAxis domain={[0, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} width={64} label={axisTitle('accuracy (%)')} />
          <Tooltip isAnimationActive={false} formatter={(v) => `${(Number(v) * 100).toFixed(1)}%`} />
          {hasTeacher && (
            <ReferenceLine y={teacher} stroke="#555" strokeWidth={2} label={{ value: `teacher ${(teacher * 100).toFixed(1)}%`, position: 'insideBottomLeft', fill: '#333', fontSize: 14 }} />
          )}
          {seriesLines(lines)}
          {editMarkers(edits)}
        </LineChart>
      </PlotBox>
      <SwatchLegend items={lines} />
    </ChartCard>
  );
}
