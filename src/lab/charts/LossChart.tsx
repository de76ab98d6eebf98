import { useEffect, useMemo, useState } from 'react';
import { CartesianGrid, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { seriesLines } from './series-lines';
import { useLab } from '../store/lab-store';
import { useTick } from './chart-clock';
import { ChartCard } from './ChartCard';
import { stepTick } from './ticks';
import { SwatchLegend } from './SwatchLegend';
import { editMarkers } from './EditMarkers';
import { lossAxisTitle, lossLines } from './loss-terms';
import { axisTitle, STEP_TITLE } from './axes';
import { hotAt, hotTimeline } from '../store/hot-timeline';
import { NO_POINTS_YET, PlotBox } from './PlotBox';
import { LatestTable } from './ChartSummary';

export function LossChart() {
  const tick = useTick('series');
  const edits = useLab((s) => s.edits);
  const [smoothing, setSmoothing] = useState(0.6);
  const [logY, setLogY] = useState(false);
  const [weighted, setWeighted] = useState(false);
  const hot = useLab((s) => s.startHot);
  const lines = useMemo(() => {
    const timeline = hot ? hotTimeline(hot, edits) : null;
    return lossLines(useLab.getState().runs, { smoothing, logY, weighted: weighted && timeline !== null, hotAt: (step) => hotAt(timeline!, step) });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tick, smoothing, logY, weighted && hot, weighted && edits]);
  const points = lines.reduce((a, l) => a + l.data.length, 0);
  useEffect(() => {
    if (points > 0 && window.__hkdLab && window.__hkdLab.firstPointAt === null) {
      window.__hkdLab.firstPointAt = performance.now();
      performance.mark('hkd:first-point');
    }
  }, [points]);
  return (
    <ChartCard
      id="loss"
      title="Loss terms"
      explain="loss"
      summary={<LatestTable lines={lines} format={(y) => y.toPrecision(3)} />}
      options={
        <>
          <label>
            Smoothing <input type="range" min={0} max={0.99} step={0.01} value={smoothing} onChange={(e) => setSmoothing(Number(e.target.value))} aria-label="Loss smoothing" />
            <output>{smoothing.toFixed(2)}</output>
          </label>
          <label>
            <input type="checkbox" checked={logY} onChange={(e) => setLogY(e.target.checked)} /> Log scale
          </label>
          <label title="Each term times its factor in the total (γ for CE, β for a hint), before the per-instance weights">
            <input type="checkbox" checked={weighted} disabled={!hot} onChange={(e) => setWeighted(e.target.checked)} /> Weighted
          </label>
        </>
      }
    >
      <div data-points={points} className="plot-wrap">
        <PlotBox empty={points === 0 ? NO_POINTS_YET : null}>
          <LineChart margin={{ top: 16, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid stroke="#ddd" />
            <XAxis type="number" dataKey="x" domain={['dataMin', 'dataMax']} interval={0} tickFormatter={stepTick} allowDuplicatedCategory={false} label={STEP_TITLE} />
            <YAxis scale={logY ? 'log' : 'auto'} domain={['auto', 'auto']} allowDataOverflow={logY} tickFormatter={(v: number) => Number(v).toPrecision(2)} width={64} label={axisTitle(lossAxisTitle(weighted))} />
            <Tooltip isAnimationActive={false} formatter={(v) => Number(v).toPrecision(4)} />
            {seriesLines(lines)}
            {editMarkers(edits)}
          </LineChart>
        </PlotBox>
        <SwatchLegend items={lines} />
      </div>
    </ChartCard>
  );
}
