import { useEffect, useRef, useState } from 'react';
import { HINTS } from '../../core/train/config';
import { HIST_BINS, HIST_MAX } from '../../core/train/report';
import { HIST_LEN } from '../../core/runs/run-log';
import { useLab } from '../store/lab-store';
import { useTick } from './chart-clock';
import { ChartCard } from './ChartCard';
import { HEAT_SCALE_TICKS, heatColumns, heatPosition, heatStops, ramp } from './heat';
import { stepTick, stepTicks } from './ticks';

const W = 480;
const ROW_PX = 6;

function Strip({ hint, runIndex }: { hint: (typeof HINTS)[number]; runIndex: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const tick = useTick('series');
  const [range, setRange] = useState<[number, number]>([0, 0]);
  useEffect(() => {
    const canvas = ref.current;
    const run = useLab.getState().runs[runIndex];
    if (!canvas || !run) return;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const s = run.series;
    const cols = heatColumns(s.hist, s.length, HIST_LEN, HINTS.indexOf(hint), W);
    const img = ctx.createImageData(W, HIST_BINS * ROW_PX);
    const used = Math.min(W, s.length);
    for (let c = 0; c < W; c++) {
      for (let b = 0; b < HIST_BINS; b++) {
        const [r, g, bl] = c < used ? ramp(heatPosition(cols[c * HIST_BINS + b])) : [245, 245, 245];
        for (let y = 0; y < ROW_PX; y++) {
          const row = (HIST_BINS - 1 - b) * ROW_PX + y;
          // Stretch used columns over the full width.
          const x0 = used ? Math.floor((c * W) / used) : c;
          const x1 = used ? Math.floor(((c + 1) * W) / used) : c + 1;
          if (c >= used) continue;
          for (let x = x0; x < x1; x++) {
            const o = (row * W + x) * 4;
            img.data[o] = r;
            img.data[o + 1] = g;
            img.data[o + 2] = bl;
            img.data[o + 3] = 255;
          }
        }
      }
    }
    ctx.putImageData(img, 0, 0);
    const steps = s.column('step');
    setRange(s.length ? [steps[0] + 1, steps[s.length - 1] + 1] : [0, 0]);
  }, [tick, hint, runIndex]);
  const ticks = stepTicks(range[0], range[1]);
  const span = range[1] - range[0];
  return (
    <figure className="heat">
      <figcaption>{hint.toUpperCase()} weight ṽ</figcaption>
      <div className="heat-row">
        <div className="heat-axis" aria-hidden="true"><span>{HIST_MAX}</span><span>{HIST_MAX / 2}</span><span>0</span></div>
        <div className="heat-plot">
          <canvas ref={ref} width={W} height={HIST_BINS * ROW_PX} role="img" aria-label={`Heat strip of ${hint} weights from step ${range[0]} to ${range[1]}`} />
          {/* Ticks sit where their step is drawn (the used columns fill the width); data-x lets the export place them too. */}
          <div className="heat-steps" aria-hidden="true">
            {ticks.map((t, i) => {
              const x = span > 0 ? (t - range[0]) / span : 0;
              return <span key={t} data-x={x} style={{ left: `${x * 100}%` }} className={i === 0 ? 'first' : i === ticks.length - 1 ? 'last' : undefined}>{i === 0 ? `step ${stepTick(t)}` : stepTick(t)}</span>;
            })}
          </div>
        </div>
        <HeatScale />
      </div>
    </figure>
  );
}

/** The colour scale: share of the batch in a weight bin, at the ramp position the strip draws it. */
function HeatScale() {
  const gradient = `linear-gradient(to top, ${heatStops().map((s) => `${s.color} ${s.offset * 100}%`).join(', ')})`;
  return (
    <div className="heat-scale" role="img" aria-label={`Colour scale: share of the batch in a weight bin, dark ${HEAT_SCALE_TICKS[0].label} to bright ${HEAT_SCALE_TICKS[HEAT_SCALE_TICKS.length - 1].label}`}>
      <div className="heat-scale-bar" style={{ background: gradient }} />
      <div className="heat-scale-labels" aria-hidden="true">
        {HEAT_SCALE_TICKS.map((t) => <span key={t.label} data-at={t.at} style={{ bottom: `${t.at * 100}%` }}>{t.label}</span>)}
      </div>
    </div>
  );
}

export function WeightHeatStrip() {
  const runs = useLab((s) => s.runs);
  const [runIndex, setRunIndex] = useState(0);
  const run = runs[Math.min(runIndex, runs.length - 1)];
  const hints = run?.info.hints ?? [];
  return (
    <ChartCard
      id="heat"
      title="Weight distribution over time"
      explain="heat"
      options={runs.length > 1 && (
        <label>
          Run{' '}
          <select value={runIndex} onChange={(e) => setRunIndex(Number(e.target.value))}>
            {runs.map((r, i) => <option key={i} value={i}>{r.info.label}</option>)}
          </select>
        </label>
      )}
    >
      {hints.length === 0 ? <p className="empty">No hints in this run.</p> : hints.map((h) => <Strip key={h} hint={h} runIndex={Math.min(runIndex, runs.length - 1)} />)}
    </ChartCard>
  );
}
