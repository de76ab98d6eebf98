import { useMemo, useState } from 'react';
import { CartesianGrid, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { seriesLines } from './series-lines';
import { METHOD_SPECS } from '../../core/methods/methods';
import { runMethods } from '../config/lab-config';
import { axisTitle, STEP_TITLE } from './axes';
import { useLab } from '../store/lab-store';
import { useTick } from './chart-clock';
import { ChartCard } from './ChartCard';
import { stepTick } from './ticks';
import { SwatchLegend } from './SwatchLegend';
import { editMarkers } from './EditMarkers';
import { mixLines, type MixShow } from './mix-lines';
import { NO_POINTS_YET, PlotBox } from './PlotBox';
import { LatestTable } from './ChartSummary';

export function HintMixChart() {
  const tick = useTick('series');
  const edits = useLab((s) => s.edits);
  const started = useLab((s) => s.runs.length > 0);
  // Before the worker is ready there are no runs yet: the configured method says whether hints come.
  const configuredHints = useLab((s) => {
    const c = s.applied ?? s.config;
    return runMethods(c).some((m) => METHOD_SPECS[m].hints.length > 0);
  });
  const [show, setShow] = useState<MixShow>('vt');
  const compare = useLab((s) => s.runs.length > 1);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const lines = useMemo(() => mixLines(useLab.getState().runs, show), [tick, show]);
  // From the runs themselves, not from `lines`: those wait for the next clock tick after 'ready'.
  const runHints = useLab((s) => s.runs.some((r) => r.info.hints.length > 0));
  const noHints = started ? !runHints : !configuredHints;
  const empty = !lines.some((l) => l.data.length);
  return (
    <ChartCard id="mix" title="Hint mix: mean weight per hint" explain="mix" summary={noHints ? undefined : <LatestTable lines={lines} format={(y) => y.toFixed(3)} />}
      options={compare && !noHints && (
        <label>
          Weight{' '}
          <select value={show} onChange={(e) => setShow(e.target.value as MixShow)}>
            <option value="vt">ṽ (used by the step)</option>
            <option value="v">raw v</option>
          </select>
        </label>
      )}>
      {noHints ? (
        <p className="empty">This method uses no hints (CE only), so there are no hint weights.</p>
      ) : (
        <>
          <PlotBox empty={empty ? (started ? NO_POINTS_YET : 'The hint weights appear once the lab has loaded and training starts.') : null}>
            <LineChart margin={{ top: 16, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
              <CartesianGrid stroke="#ddd" />
              <XAxis type="number" dataKey="x" domain={['dataMin', 'dataMax']} interval={0} tickFormatter={stepTick} label={STEP_TITLE} />
              <YAxis domain={['auto', 'auto']} tickFormatter={(v: number) => Number(v).toFixed(2)} width={64} label={axisTitle('mean weight')} />
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
