import { useEffect, useMemo, useState } from 'react';
import { CartesianGrid, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { seriesLines } from './series-lines';
import type { MetricColumn } from '../contract';
import { useLab } from '../store/lab-store';
import { useTick } from './chart-clock';
import { ChartCard } from './ChartCard';
import { stepTick } from './ticks';
import { SwatchLegend } from './SwatchLegend';
import { editMarkers } from './EditMarkers';
import { runColor, TERM_COLORS, TERM_DASH } from './colors';
import { columnPoints } from './series-points';
import { NO_POINTS_YET, PlotBox } from './PlotBox';
import { LatestTable } from './ChartSummary';

const TERMS: { col: MetricColumn; label: string }[] = [
  { col: 'ce', label: 'CE' },
  { col: 'kd', label: 'KD' },
  { col: 'fitnet', label: 'FitNet' },
  { col: 'at', label: 'AT' },
  { col: 'meta', label: 'meta' },
];

export function LossChart() {
  const tick = useTick('series', 0);
  const edits = useLab((s) => s.edits);
  const [smoothing, setSmoothing] = useState(0.6);
  const [logY, setLogY] = useState(false);
  const lines = useMemo(() => {
    const runs = useLab.getState().runs;
    const compare = runs.length > 1;
    return runs.flatMap((r, i) =>
      TERMS.filter((t) => t.col === 'ce' || t.col === 'meta' ? t.col === 'ce' || r.info.hints.length > 0 : r.info.hints.includes(t.col as never)).map((t) => ({
        key: `${i}-${t.col}`,
        name: compare ? `${r.info.label}: ${t.label}` : t.label,
        color: compare ? runColor(i) : TERM_COLORS[t.col],
        dash: TERM_DASH[t.col],
        data: columnPoints(r.series, t.col, smoothing).filter((p) => !logY || p.y > 0),
      })),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tick, smoothing, logY]);
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
        </>
      }
    >
      <div data-points={points} className="plot-wrap">
        <PlotBox empty={points === 0 ? NO_POINTS_YET : null}>
          <LineChart margin={{ top: 16, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid stroke="#ddd" />
            <XAxis type="number" dataKey="x" domain={['dataMin', 'dataMax']} interval={0} tickFormatter={stepTick} allowDuplicatedCategory={false} label={{ value: 'step', position: 'insideBottomRight', offset: -4 }} />
            <YAxis scale={logY ? 'log' : 'auto'} domain={['auto', 'auto']} allowDataOverflow={logY} tickFormatter={(v: number) => Number(v).toPrecision(2)} width={56} />
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
