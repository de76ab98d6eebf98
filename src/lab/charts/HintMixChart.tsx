import { useMemo } from 'react';
import { CartesianGrid, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { seriesLines } from './series-lines';
import { METHOD_SPECS } from '../../core/methods/methods';
import type { MetricColumn } from '../contract';
import { useLab } from '../store/lab-store';
import { useTick } from './chart-clock';
import { ChartCard } from './ChartCard';
import { stepTick } from './ticks';
import { SwatchLegend } from './SwatchLegend';
import { editMarkers } from './EditMarkers';
import { runColor, TERM_COLORS } from './colors';
import { columnPoints } from './series-points';
import { NO_POINTS_YET, PlotBox } from './PlotBox';
import { LatestTable } from './ChartSummary';

export function HintMixChart() {
  const tick = useTick('series', 90);
  const edits = useLab((s) => s.edits);
  const started = useLab((s) => s.runs.length > 0);
  // Before the worker is ready there are no runs yet: the configured method says whether hints come.
  const configuredHints = useLab((s) => {
    const c = s.applied ?? s.config;
    return (c.compare.length ? c.compare : [c.cold.method]).some((m) => METHOD_SPECS[m].hints.length > 0);
  });
  const lines = useMemo(() => {
    const runs = useLab.getState().runs;
    const compare = runs.length > 1;
    return runs.flatMap((r, i) =>
      r.info.hints.flatMap((h) => [
        { key: `${i}-vt-${h}`, name: `${compare ? r.info.label + ': ' : ''}ṽ ${h}`, color: compare ? runColor(i) : TERM_COLORS[h], dash: undefined, data: columnPoints(r.series, `vt_${h}` as MetricColumn, 0.5) },
        { key: `${i}-v-${h}`, name: `${compare ? r.info.label + ': ' : ''}v ${h}`, color: compare ? runColor(i) : TERM_COLORS[h], dash: '4 4', data: columnPoints(r.series, `v_${h}` as MetricColumn, 0.5) },
      ]),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tick]);
  const noHints = started ? lines.length === 0 : !configuredHints;
  const empty = !lines.some((l) => l.data.length);
  return (
    <ChartCard id="mix" title="Hint mix: mean weight per hint" explain="mix" summary={noHints ? undefined : <LatestTable lines={lines} format={(y) => y.toFixed(3)} />}>
      {noHints ? (
        <p className="empty">This method uses no hints (CE only), so there are no hint weights.</p>
      ) : (
        <>
          <PlotBox empty={empty ? (started ? NO_POINTS_YET : 'The hint weights appear once the lab has loaded and training starts.') : null}>
            <LineChart margin={{ top: 16, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
              <CartesianGrid stroke="#ddd" />
              <XAxis type="number" dataKey="x" domain={['dataMin', 'dataMax']} interval={0} tickFormatter={stepTick} label={{ value: 'step', position: 'insideBottomRight', offset: -4 }} />
              <YAxis domain={['auto', 'auto']} tickFormatter={(v: number) => Number(v).toFixed(2)} width={56} />
              <Tooltip isAnimationActive={false} formatter={(v) => Number(v).toFixed(3)} />
              {seriesLines(lines)}
              {editMarkers(edits)}
            </LineChart>
          </PlotBox>
          <SwatchLegend items={lines} />
        </>
      )}
    </ChartCard>
  );
}
