// A reproduce curve: per method the mean over seeds (line) inside a ±sd band (area), drawn in the
// method's colour from the table. The axis fits the data (methods a few points apart stay apart);
// the screen-reader table gives each method's last mean and sd.
import { Area, CartesianGrid, ComposedChart, Line, Tooltip, XAxis, YAxis } from 'recharts';
import type { MethodCurve } from '../../core/reproduce/curves';
import { ChartCard } from '../charts/ChartCard';
import { LatestTable } from '../charts/ChartSummary';
import { PlotBox } from '../charts/PlotBox';
import { SwatchLegend } from '../charts/SwatchLegend';
import { runColor } from '../charts/colors';
import { stepTick } from '../charts/ticks';
import { methodLabel } from './ReproduceTable';

export function BandChart(props: { id: string; title: string; explain: 'reproduceAcc' | 'reproduceLoss'; curves: MethodCurve[]; format: (y: number) => string; percent?: boolean }) {
  const { curves, format } = props;
  // With one seed there is no sd: the band shrinks to the line instead of vanishing into NaN.
  const series = curves.map((c) => ({
    ...c,
    name: `${methodLabel(c.method)} (${c.seeds} seed${c.seeds === 1 ? '' : 's'})`,
    data: c.points.filter((p) => Number.isFinite(p.mean)).map((p) => {
      const sd = Number.isFinite(p.sd) ? p.sd : 0;
      return { x: p.step, y: p.mean, band: [p.mean - sd, p.mean + sd] };
    }),
  }));
  const lines = series.flatMap((s) => [
    { name: `${s.name}: mean`, data: s.data.map((d) => ({ x: d.x, y: d.y })) },
    { name: `${s.name}: sd`, data: s.data.map((d) => ({ x: d.x, y: d.band[1] - d.y })) },
  ]);
  const dropped = curves.filter((c) => c.dropped > 0);
  return (
    <ChartCard id={props.id} title={props.title} explain={props.explain} summary={<LatestTable lines={lines} format={format} caption="Last values over seeds" />}>
      <PlotBox empty={series.some((s) => s.data.length) ? null : 'These runs recorded no points for this curve.'}>
        <ComposedChart margin={{ top: 16, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#ddd" />
          <XAxis type="number" dataKey="x" domain={['dataMin', 'dataMax']} tickFormatter={stepTick} label={{ value: 'step', position: 'insideBottomRight', offset: -4 }} />
          <YAxis domain={['auto', 'auto']} tickFormatter={props.percent ? (v: number) => `${Math.round(v * 100)}%` : (v: number) => Number(v).toPrecision(2)} width={56} />
          <Tooltip isAnimationActive={false} formatter={(v) => (Array.isArray(v) ? v.map((x) => format(Number(x))).join(' – ') : format(Number(v)))} />
          {series.map((s, i) => (
            <Area key={`band-${s.method}`} data={s.data} dataKey="band" name={`${s.name}: ±sd`} stroke="none" fill={runColor(i)} fillOpacity={0.18} isAnimationActive={false} className={`band band-${s.method}`} />
          ))}
          {series.map((s, i) => (
            <Line key={`mean-${s.method}`} data={s.data} dataKey="y" name={`${s.name}: mean`} stroke={runColor(i)} dot={false} isAnimationActive={false} strokeWidth={2} className={`mean mean-${s.method}`} />
          ))}
        </ComposedChart>
      </PlotBox>
      <SwatchLegend items={series.map((s, i) => ({ name: `${s.name}: mean, band ±1 sd`, color: runColor(i) }))} />
      {dropped.length > 0 && (
        <p className="panel-note">Steps not recorded by every seed are left out: {dropped.map((c) => `${methodLabel(c.method)} ${c.dropped}`).join(', ')}.</p>
      )}
    </ChartCard>
  );
}
