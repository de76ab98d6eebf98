// Two saved runs overlaid: total loss per step and test accuracy, one colour per run.
import { useEffect, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { RunRecord } from '../../core/storage/run-store';
import { ChartCard } from '../charts/ChartCard';
import { LatestTable } from '../charts/ChartSummary';
import { PlotBox } from '../charts/PlotBox';
import { runColor } from '../charts/colors';
import { downsample } from '../charts/downsample';
import { loadRuns } from '../store/library';
import { useCompareSaved } from './compare-store';

function curve(r: RunRecord, col: string) {
  const st = r.series.steps.step ?? [];
  const ys = r.series.steps[col] ?? [];
  return downsample(Float64Array.from(st, (x) => x + 1), Float64Array.from(ys));
}

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
  return (
    <ChartCard
      id="saved"
      title="Saved runs compared"
      explain="saved"
      summary={records.length >= 2 && <LatestTable lines={records.flatMap((r) => [{ name: `${r.name}: loss`, data: curve(r, 'loss.total') }, { name: `${r.name}: test accuracy`, data: r.series.evals.map((e) => ({ x: e.step, y: e.testAcc })) }])} format={(y) => y.toPrecision(3)} />}
      options={<button type="button" onClick={() => useCompareSaved.setState({ shown: null })}>Close</button>}>
      {records.length < 2 ? (
        <p className="empty">Loading the two runs…</p>
      ) : (
        <>
          <PlotBox>
            <LineChart margin={{ top: 16, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
              <CartesianGrid stroke="#ddd" />
              <XAxis type="number" dataKey="x" domain={['dataMin', 'dataMax']} label={{ value: 'step', position: 'insideBottomRight', offset: -4 }} />
              <YAxis yAxisId="loss" domain={['auto', 'auto']} tickFormatter={(v: number) => Number(v).toPrecision(2)} width={56} />
              <YAxis yAxisId="acc" orientation="right" domain={[0, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} width={56} />
              <Tooltip isAnimationActive={false} formatter={(v) => Number(v).toPrecision(3)} />
              <Legend />
              {records.map((r, i) => (
                <Line key={`l${i}`} yAxisId="loss" data={curve(r, 'loss.total')} dataKey="y" name={`${r.name}: loss`} stroke={runColor(i)} dot={false} isAnimationActive={false} strokeWidth={2} />
              ))}
              {records.map((r, i) => (
                <Line key={`a${i}`} yAxisId="acc" data={r.series.evals.map((e) => ({ x: e.step, y: e.testAcc }))} dataKey="y" name={`${r.name}: test accuracy`} stroke={runColor(i)} strokeDasharray="4 3" dot={{ r: 3 }} isAnimationActive={false} strokeWidth={2} />
              ))}
            </LineChart>
          </PlotBox>
        </>
      )}
    </ChartCard>
  );
}
