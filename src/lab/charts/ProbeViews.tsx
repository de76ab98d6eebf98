// The per-instance views of the meta-weights, for one run and one hint at a time: weight vs loss
// scatter, the probe gallery (sortable; click for a trajectory) and per-class mean weights.
import { Fragment, memo, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, LineChart, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import { seriesLines } from './series-lines';
import type { HintId } from '../../core/train/config';
import { useLab, type RunData } from '../store/lab-store';
import { useTick } from './chart-clock';
import { ChartCard } from './ChartCard';
import { stepTick } from './ticks';
import { SwatchLegend } from './SwatchLegend';
import { CLASS_COLORS, TERM_COLORS } from './colors';
import { thumbnailUrls } from './thumbnails';
import { PlotBox } from './PlotBox';
import { LatestTable } from './ChartSummary';
import { ClassTable, scatterSummary } from './probe-summaries';
import { gridColumns, rovingMove } from './roving';
import { axisTitle, STEP_TITLE, WEIGHT_NAME } from './axes';
import { classMeans as perClassMeans } from '../export/probe-data';
import { probeOrder, probeWeight, weightText, type SortKey } from './probe-order';

/**
 * Renders its children only when `version` changes, so each probe card redraws on its own
 * staggered tick (one short commit each) instead of all four in one long task.
 */
const Frozen = memo(
  ({ render }: { version: string; render: () => ReactNode }) => <>{render()}</>,
  (a, b) => a.version === b.version,
);

function latest(run: RunData | undefined) {
  return run?.probeHistory[run.probeHistory.length - 1];
}

export function ProbeViews() {
  const runs = useLab((s) => s.runs);
  const probeInfo = useLab((s) => s.probeInfo);
  const selected = useLab((s) => s.selectedProbe);
  const tick = useTick('probes');
  const tickB = useTick('probes');
  const tickC = useTick('probes');
  const withHints = runs.map((r, i) => ({ r, i })).filter(({ r }) => r.info.hints.length > 0);
  const [runChoice, setRunChoice] = useState<number | null>(null);
  const runIndex = runChoice !== null && runs[runChoice]?.info.hints.length ? runChoice : (withHints.find(({ r }) => r.info.method.startsWith('hkd'))?.i ?? withHints[0]?.i ?? 0);
  const run = runs[runIndex];
  const hints = run?.info.hints ?? [];
  const [hintChoice, setHintChoice] = useState<HintId>('kd');
  const hint = hints.includes(hintChoice) ? hintChoice : hints[0];
  const k = hint ? hints.indexOf(hint) : -1;
  const K = hints.length;
  const [colorBy, setColorBy] = useState<'class' | 'correct'>('class');
  // v now sits beside the current loss (both from this snapshot); the stored ṽ may be epochs old.
  const [yOf, setYOf] = useState<'v' | 'vt'>('v');
  const [sort, setSort] = useState<SortKey>('weight-asc');
  // The one gallery button in the tab order (roving tabindex): the last focused, else the selected, else the first.
  const [active, setActive] = useState<number | null>(null);

  const snap = latest(run);
  const classNames = probeInfo?.classNames ?? [];
  const labels = probeInfo?.labels;

  const scatter = useMemo(() => {
    if (!snap || !labels || k < 0) return [];
    const groups = new Map<string, { name: string; color: string; data: { x: number; y: number; i: number }[] }>();
    for (let i = 0; i < labels.length; i++) {
      const ok = snap.preds[i] === labels[i];
      const key = colorBy === 'class' ? String(labels[i]) : ok ? 'right' : 'wrong';
      if (!groups.has(key)) {
        groups.set(key, {
          name: colorBy === 'class' ? classNames[labels[i]] ?? key : ok ? 'predicted right' : 'predicted wrong',
          color: colorBy === 'class' ? CLASS_COLORS[labels[i] % CLASS_COLORS.length] : ok ? '#009E73' : '#D55E00',
          data: [],
        });
      }
      groups.get(key)!.data.push({ x: snap.losses[i * (1 + K) + 1 + k], y: snap[yOf][i * K + k], i });
    }
    return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, g]) => g);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tick, snap, k, colorBy, K, yOf]);

  // The bars draw the same per-class means the view's CSV exports (one computation).
  const classMeans = useMemo(() => {
    if (!snap || !probeInfo || !K) return [];
    const cols = perClassMeans(snap, probeInfo, hints);
    return classNames.map((name, c) => Object.fromEntries([['name', name], ...hints.map((h) => [h, cols[`vt.${h}`][c]])]) as Record<string, number | string>);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tickC, snap, K]);

  // The gallery draws the snapshot of its own throttled tick, and only that one: a focus or a click
  // re-renders it, and with the latest snapshot its order would change under the pointer (the
  // click then lands on another probe) or under the arrow keys.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const gallerySnap = useMemo(() => snap, [tickB, runIndex, snap === undefined]);
  const order = useMemo(() => (labels ? probeOrder(gallerySnap, labels, k, K, sort) : []), [gallerySnap, labels, k, sort, K]);

  const trajectory = useMemo(() => {
    if (selected === null || !run) return [];
    return hints.flatMap((h, j) => [
      { key: `vt-${h}`, name: `ṽ ${h}`, color: TERM_COLORS[h], dash: undefined, data: run.probeHistory.map((p) => ({ x: p.step, y: p.vt[selected * K + j] })) },
      { key: `v-${h}`, name: `v ${h}`, color: TERM_COLORS[h], dash: '4 4', data: run.probeHistory.map((p) => ({ x: p.step, y: p.v[selected * K + j] })) },
    ]);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tickC, selected, runIndex, K]);

  const urls = probeInfo ? thumbnailUrls(probeInfo) : [];
  const current = active !== null && order.includes(active) ? active : selected !== null && order.includes(selected) ? selected : order[0];
  const onGalleryKey = (e: KeyboardEvent<HTMLUListElement>) => {
    const next = rovingMove(e.key, order.indexOf(current), order.length, gridColumns(e.currentTarget));
    if (next === null) return;
    e.preventDefault();
    setActive(order[next]);
    e.currentTarget.querySelector<HTMLButtonElement>(`[data-probe="${order[next]}"]`)?.focus();
  };
  const choosers = (
    <>
      {withHints.length > 1 && (
        <label>
          Run{' '}
          <select value={runIndex} onChange={(e) => setRunChoice(Number(e.target.value))}>
            {withHints.map(({ r, i }) => <option key={i} value={i}>{r.info.label}</option>)}
          </select>
        </label>
      )}
      {hints.length > 0 && (
        <label>
          Hint{' '}
          <select value={hint} onChange={(e) => setHintChoice(e.target.value as HintId)}>
            {hints.map((h) => <option key={h} value={h}>{h.toUpperCase()}</option>)}
          </select>
        </label>
      )}
    </>
  );
  const noHints = runs.length === 0
    ? <p className="empty">The probe instances appear once the lab has loaded.</p>
    : <p className="empty">No hint weights in {runs.length > 1 ? 'these runs' : 'this run'} (CE only).</p>;

  return (
    <>
      <Frozen version={`${tick}|${runIndex}|${hint}|${colorBy}|${yOf}|${withHints.length}`} render={() => (
      <ChartCard
        id="scatter"
        title="Weight vs loss (probe instances)"
        explain="scatter"
        summary={k >= 0 && <p>{scatterSummary(scatter, hint, yOf)}</p>}
        options={
          <>
            {choosers}
            <label>
              Weight{' '}
              <select value={yOf} onChange={(e) => setYOf(e.target.value as 'v' | 'vt')}>
                <option value="v">v now</option>
                <option value="vt">stored ṽ</option>
              </select>
            </label>
            <label>
              Colour by{' '}
              <select value={colorBy} onChange={(e) => setColorBy(e.target.value as 'class' | 'correct')}>
                <option value="class">class</option>
                <option value="correct">correctness</option>
              </select>
            </label>
          </>
        }
      >
        {k < 0 ? noHints : (
          <PlotBox>
            <ScatterChart margin={{ top: 16, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
              <CartesianGrid stroke="#ddd" />
              <XAxis type="number" dataKey="x" name={`${hint} loss`} domain={['auto', 'auto']} tickFormatter={(v: number) => Number(v).toPrecision(2)} label={{ value: `${hint?.toUpperCase()} loss of the probe`, position: 'insideBottomRight', offset: -4, className: 'axis-title' }} />
              <YAxis type="number" dataKey="y" name={WEIGHT_NAME[yOf]} domain={['auto', 'auto']} tickFormatter={(v: number) => Number(v).toFixed(2)} width={64} label={axisTitle(WEIGHT_NAME[yOf])} />
              <ZAxis range={[60, 60]} />
              <Tooltip isAnimationActive={false} formatter={(v) => Number(v).toPrecision(3)} />
              {scatter.map((g) => (
                <Scatter key={g.name} name={g.name} data={g.data} fill={g.color} isAnimationActive={false} onClick={(p: { payload?: { i: number } }) => p.payload && useLab.setState({ selectedProbe: p.payload.i })} />
              ))}
            </ScatterChart>
          </PlotBox>
        )}
        {k >= 0 && (
          <SwatchLegend items={scatter.map((g) => ({ name: g.name, color: g.color }))} />
        )}
      </ChartCard>
      )} />

      <Frozen version={`${tickB}|${runIndex}|${hint}|${sort}|${selected}|${urls.length}|${current}`} render={() => (
      <ChartCard
        id="gallery"
        title="Probe gallery"
        explain="gallery"
        wide
        options={
          <>
            {choosers}
            <label>
              Sort by{' '}
              <select value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
                <option value="weight-asc">weight now, lowest first</option>
                <option value="weight-desc">weight now, highest first</option>
                <option value="loss-desc">loss, highest first</option>
                <option value="label">label</option>
                <option value="pred">prediction</option>
              </select>
            </label>
          </>
        }
      >
        <p id="gallery-keys" className="sr-only">Tab reaches one probe; the arrow keys move between probes.</p>
        <ul className="gallery" aria-label="Probe images" aria-describedby="gallery-keys" onKeyDown={onGalleryKey}>
          {order.map((i) => {
            const label = labels ? classNames[labels[i]] : '';
            const pred = gallerySnap ? classNames[gallerySnap.preds[i]] : '…';
            const ok = gallerySnap && labels ? gallerySnap.preds[i] === labels[i] : true;
            return (
              <li key={i}>
                <button
                  type="button"
                  className={`probe${selected === i ? ' selected' : ''}`}
                  aria-pressed={selected === i}
                  tabIndex={i === current ? 0 : -1}
                  data-probe={i}
                  onFocus={() => setActive(i)}
                  aria-label={`Probe ${i + 1}: ${label} → ${pred}${gallerySnap ? hints.map((h, j) => `, ${weightText(h, probeWeight(gallerySnap, i, j, K))}`).join('') : ''}. Show its weight trajectory`}
                  onClick={() => useLab.setState({ selectedProbe: i })}
                >
                  <img src={urls[i]} alt={`probe ${i + 1}: ${label}`} width={56} height={56} />
                  {/* Spaces between the parts: the visible text reads as words, as in the name. */}
                  <span className="probe-label">{label}</span>{' '}
                  <span className={`probe-pred ${ok ? 'right' : 'wrong'}`}>→ {pred}</span>
                  {gallerySnap && hints.map((h, j) => (
                    <Fragment key={h}>
                      {' '}
                      <span className="probe-weight" data-testid="probe-weight">
                        {weightText(h, probeWeight(gallerySnap, i, j, K))}
                      </span>
                    </Fragment>
                  ))}
                </button>
              </li>
            );
          })}
        </ul>
      </ChartCard>
      )} />

      <Frozen version={`${tickC}|${runIndex}|${selected}`} render={() => (
      <ChartCard id="trajectory" title={selected === null ? 'Probe trajectory (click a probe)' : `Probe ${selected + 1}: weights over time`} explain="trajectory" summary={selected !== null && K > 0 && <LatestTable lines={trajectory} format={(y) => y.toFixed(3)} />}>
        {selected === null || !K ? <p className="empty">Click a probe in the gallery or the scatter to see its weights over training.</p> : (
          <PlotBox>
            <LineChart margin={{ top: 16, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
              <CartesianGrid stroke="#ddd" />
              <XAxis type="number" dataKey="x" domain={['dataMin', 'dataMax']} interval={0} tickFormatter={stepTick} label={STEP_TITLE} />
              <YAxis domain={['auto', 'auto']} tickFormatter={(v: number) => Number(v).toFixed(2)} width={64} label={axisTitle('weight')} />
              <Tooltip isAnimationActive={false} formatter={(v) => Number(v).toFixed(3)} />
              {seriesLines(trajectory)}
            </LineChart>
          </PlotBox>
        )}
        {selected !== null && K > 0 && <SwatchLegend items={trajectory.map((l) => ({ name: l.name, color: l.color, dash: l.dash }))} />}
        {selected !== null && K > 0 && snap && (
          <p className="chart-note" data-testid="vt-updated">
            {snap.vtStep[selected] < 0 ? 'Its stored ṽ is not updated yet (this image has not been in a batch): ṽ shows v.' : `Its stored ṽ was last updated at step ${snap.vtStep[selected]}, when it was last in a batch.`}
          </p>
        )}
      </ChartCard>
      )} />

      <Frozen version={`${tickC}|${runIndex}|${hint}`} render={() => (
      <ChartCard id="classes" title="Mean weight per class" explain="classes" options={choosers} summary={K > 0 && <ClassTable rows={classMeans} hints={hints} />}>
        {!K ? noHints : (
          <PlotBox>
            <BarChart data={classMeans} margin={{ top: 16, right: 16, bottom: 40, left: 0 }} accessibilityLayer={false}>
              <CartesianGrid stroke="#ddd" />
              <XAxis dataKey="name" interval={0} angle={-30} textAnchor="end" height={60} />
              <YAxis domain={[0, 'auto']} tickFormatter={(v: number) => Number(v).toFixed(2)} width={64} label={axisTitle('mean stored ṽ')} />
              <Tooltip isAnimationActive={false} formatter={(v) => Number(v).toFixed(3)} />
              {hints.map((h) => <Bar key={h} dataKey={h} name={`ṽ ${h}`} fill={TERM_COLORS[h]} isAnimationActive={false} />)}
            </BarChart>
          </PlotBox>
        )}
        {K > 0 && <SwatchLegend items={hints.map((h) => ({ name: `ṽ ${h}`, color: TERM_COLORS[h] }))} />}
      </ChartCard>
      )} />
    </>
  );
}
