// The teacher phase for an imported dataset: its own chart (loss and accuracy per step, test
// accuracy when measured) and a stop button, after which distillation starts from the teacher.
import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartCard } from '../charts/ChartCard';
import { LatestTable } from '../charts/ChartSummary';
import { PlotBox } from '../charts/PlotBox';
import { downsample } from '../charts/downsample';
import { stopTeacher } from '../store/actions';
import { useLab } from '../store/lab-store';

export function TeacherPhaseChart() {
  const phase = useLab((s) => s.teacherPhase);
  const version = useLab((s) => s.teacherVersion);
  const lines = useMemo(() => {
    const c = useLab.getState().teacherCurve;
    const xs = Float64Array.from(c.step);
    return {
      loss: downsample(xs, Float64Array.from(c.loss)),
      acc: downsample(xs, Float64Array.from(c.acc)),
      test: c.evals.map((e) => ({ x: e.step, y: e.testAcc })),
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version]);
  if (!phase) return null;
  const training = phase.state === 'training';
  return (
    <ChartCard
      id="teacher"
      title={training ? 'Teacher training (before distillation)' : 'Teacher training (done)'}
      explain="teacher"
      summary={<LatestTable xName="teacher step" lines={[{ name: 'loss', data: lines.loss }, { name: 'train accuracy', data: lines.acc }, { name: 'test accuracy', data: lines.test }]} format={(y) => y.toPrecision(3)} />}
      options={
        <>
          <span data-testid="teacher-step" className="readout-small">Teacher step {phase.step} of {phase.totalSteps}</span>
          {training && (
            <button type="button" className="primary" onClick={stopTeacher} data-testid="stop-teacher">Stop teacher training and distil</button>
          )}
        </>
      }
    >
      <p className="panel-note">{phase.label}</p>
      <PlotBox>
        <LineChart margin={{ top: 16, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#ddd" />
          <XAxis type="number" dataKey="x" domain={['dataMin', 'dataMax']} label={{ value: 'teacher step', position: 'insideBottomRight', offset: -4 }} />
          <YAxis yAxisId="loss" domain={['auto', 'auto']} tickFormatter={(v: number) => Number(v).toPrecision(2)} width={56} />
          <YAxis yAxisId="acc" orientation="right" domain={[0, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} width={56} />
          <Tooltip isAnimationActive={false} formatter={(v) => Number(v).toPrecision(3)} />
          <Legend />
          <Line yAxisId="loss" data={lines.loss} dataKey="y" name="loss" stroke="#c0392b" dot={false} isAnimationActive={false} strokeWidth={2} />
          <Line yAxisId="acc" data={lines.acc} dataKey="y" name="train accuracy" stroke="#0057a3" strokeDasharray="6 4" dot={false} isAnimationActive={false} strokeWidth={2} />
          <Line yAxisId="acc" data={lines.test} dataKey="y" name="test accuracy" stroke="#145a00" dot={{ r: 3 }} isAnimationActive={false} strokeWidth={2} />
        </LineChart>
      </PlotBox>
    </ChartCard>
  );
}
