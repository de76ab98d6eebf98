// Two saved runs overlaid, one colour per run: total loss on the left axis, test accuracy (%) on the right.
import { useEffect, useState } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartCard } from '../charts/ChartCard';
import { LatestTable } from '../charts/ChartSummary';
import { PlotBox } from '../charts/PlotBox';
import { axisTitle, STEP_TITLE } from '../charts/axes';
import { stepTick } from '../charts/ticks';
import { SwatchLegend } from '../charts/SwatchLegend';
import { overlayLines } from './overlay-lines';
import { SeedNote } from './SeedNote';
import type { RunRecord } from '../../core/storage/run-store';
import { loadRuns } from '../store/library';
import { useCompareSaved } from './compare-store';

export function SavedCompare() {
  const shown = useCompareSaved((s) => s.shown);
  const [records, setRecords] = useState<RunRecord[]>([]);
  useEffect(() => {
    if (!shown) return setRecords([]);
    let live = true;
    void loadRuns(shown).then((r) => live && setRecords(r));
    return () => {
      live = false;
    };
  }, [shown]);
  if (!shown) return null;
  const lines = overlayLines(records);
  return (
    <ChartCard
      id="saved"
      title="Saved runs compared"
      explain="saved"
      summary={records.length >= 2 && <LatestTable lines={lines} format={(y) => y.toPrecision(3)} />}
      options={<button type="button" onClick={() => useCompareSaved.setState({ shown: null })}>Close</button>}>
      {records.length < 2 ? (
        <p className="empty">Loading the two runs…</p>
      ) : (
        <>
          <PlotBox>
            <LineChart margin={{ top: 16, right: 8, bottom: 8, left: 0 }} accessibilityLayer={false}>
              <CartesianGrid stroke="#ddd" />
              <XAxis type="number" dataKey="x" domain={['dataMin', 'dataMax']} tickFormatter={stepTick} label={STEP_TITLE} />
              <YAxis yAxisId="loss" domain={['auto', 'auto']} tickFormatter={(v: number) => Number(v).toPrecision(2)} width={64} label={axisTitle('total loss')} />
              <YAxis yAxisId="acc" orientation="right" domain={[0, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} width={64} label={axisTitle('test accuracy (%)', 'right')} />
              <Tooltip isAnimationActive={false} formatter={(v) => Number(v).toPrecision(3)} />
              {lines.map((l) => (
                <Line key={l.key} yAxisId={l.axis} data={l.data} dataKey="y" name={l.name} stroke={l.color} strokeDasharray={l.dash} dot={l.axis === 'acc' ? { r: 3 } : false} isAnimationActive={false} strokeWidth={2} />
              ))}
            </LineChart>
          </PlotBox>
          <SwatchLegend items={lines} />
          <SeedNote />
        </>
      )}
    </ChartCard>
  );
}
