// Slow motion of one real HKD update (HKD.md §4): the worker runs the run's next step with its
// stages traced (worker/trace-step.ts) and this shows them one at a time. The stage index is local
// state, so moving between stages re-renders only this card; closing keeps the step (it was taken).
import { useEffect, useMemo, useRef, useState } from 'react';
import { thumbnailUrls } from '../charts/thumbnails';
import { closeStepThrough, traceStep } from '../store/actions';
import { useLab } from '../store/lab-store';
import { useStepTrace, type StepTraceEvent } from '../store/step-trace';
import { gSign, noMetaReason, shownInstances, stagesOf } from './step-stages';

/** Instances of the batch shown with their G (a batch can be large). */
const SHOWN = 8;

/** Stage 4's batch rows (largest |G| first; the first ones on a step without G). */
function shownRows(ev: StepTraceEvent): number[] {
  const t = ev.trace;
  const n = Math.min(SHOWN, t.batch.indices.length);
  return t.meta && t.hints.length ? shownInstances(t.meta.G, t.hints.length, n) : Array.from({ length: n }, (_, i) => i);
}

/** The shown instances' thumbnails, decoded once per traced step (not on every visit of stage 4). */
function useThumbnails(ev: StepTraceEvent, rows: number[]): string[] {
  return useMemo(() => {
    const t = ev.trace;
    const [h, w, c] = ev.images.shape;
    const size = h * w * c;
    const thumbnails = new Uint8Array(rows.length * size);
    rows.forEach((i, r) => thumbnails.set(ev.images.thumbnails.subarray(i * size, (i + 1) * size), r * size));
    return thumbnailUrls({ indices: Int32Array.from(rows, (i) => t.batch.indices[i]), labels: Int32Array.from(rows, (i) => t.batch.labels[i]), thumbnails, shape: ev.images.shape, classNames: ev.images.classNames });
  }, [ev, rows]);
}

function GTable({ ev, rows, urls }: { ev: StepTraceEvent; rows: number[]; urls: string[] }) {
  const t = ev.trace;
  const m = t.meta!;
  const K = t.hints.length;
  const n = rows.length;
  return (
    <table className="step-g" data-testid="step-g">
      <caption>G and the weights of the {n} of the {t.batch.indices.length} batch instances with the largest |G|</caption>
      <thead>
        <tr><th scope="col">Instance</th>{t.hints.map((h) => <th key={h} scope="col">{h}: G, v → new v</th>)}</tr>
      </thead>
      <tbody>
        {rows.map((i, r) => (
          <tr key={i}>
            <th scope="row">
              <img src={urls[r]} alt="" width={28} height={28} /> {ev.images.classNames[t.batch.labels[i]] ?? t.batch.labels[i]} (#{t.batch.indices[i]})
            </th>
            {t.hints.map((h, k) => {
              const g = m.G[i * K + k];
              return (
                <td key={h} data-g={g} data-i={i} data-k={k}>
                  G {g.toExponential(2)}: {gSign(g)}; v {m.vBefore[i * K + k].toFixed(3)} → {t.v[i * K + k].toFixed(3)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Stages({ ev }: { ev: StepTraceEvent }) {
  const run = useLab((s) => s.runs[ev.runId]?.info);
  const interval = useLab((s) => s.hot?.metaInterval ?? 1);
  const stages = useMemo(() => stagesOf(ev.trace, noMetaReason(run?.method ?? 'hkd', run?.label ?? 'This run', interval)), [ev, run, interval]);
  const [at, setAt] = useState(0);
  const rows = useMemo(() => shownRows(ev), [ev]);
  const urls = useThumbnails(ev, rows);
  const heading = useRef<HTMLHeadingElement>(null);
  const stage = stages[at];
  useEffect(() => heading.current?.focus(), [at]);
  // The chart the stage is about is outlined meanwhile (a class on its card, removed after).
  useEffect(() => {
    const card = stage.chart ? document.querySelector(`[data-testid="chart-${stage.chart}"]`) : null;
    card?.classList.add('step-highlight');
    return () => card?.classList.remove('step-highlight');
  }, [stage]);
  return (
    <div
      className="step-through" role="region" aria-label="Step-through of one update" data-testid="step-through" data-stage={at + 1}
      onKeyDown={(e) => {
        // ← and → page through the stages, Escape leaves (and goes no further: not out of presenter mode).
        const to = e.key === 'ArrowLeft' ? at - 1 : e.key === 'ArrowRight' ? at + 1 : null;
        if (to !== null && to >= 0 && to < stages.length) setAt(to);
        else if (e.key === 'Escape') closeStepThrough();
        else return;
        e.preventDefault();
        e.stopPropagation();
      }}
    >
      <p className="step-of">Step {ev.trace.step} → {ev.trace.step + 1} · stage {at + 1} of {stages.length}</p>
      <h3 tabIndex={-1} ref={heading} data-testid="step-stage-title">{stage.title}</h3>
      <p>{stage.text}</p>
      {stage.numbers.length > 0 && (
        <table className="step-numbers">
          <tbody>{stage.numbers.map(([k, v]) => <tr key={k}><th scope="row">{k}</th><td>{v}</td></tr>)}</tbody>
        </table>
      )}
      {at === 3 && ev.trace.meta && ev.trace.hints.length > 0 && <GTable ev={ev} rows={rows} urls={urls} />}
      <div className="step-nav">
        <button type="button" onClick={() => setAt(at - 1)} disabled={at === 0}>Previous stage</button>
        <button type="button" onClick={() => setAt(at + 1)} disabled={at === stages.length - 1}>Next stage</button>
        <button type="button" onClick={closeStepThrough}>Close the step-through</button>
      </div>
    </div>
  );
}

/** The entry button and, once the traced step is back, its stages. */
export function StepThrough() {
  const { status, event, problem } = useStepTrace();
  const can = useLab((s) => s.runState === 'paused' && s.runs.length > 0 && !s.teacherPhase && s.lease === 'writer');
  return (
    <div className="step-through-box">
      {status !== 'shown' && (
        <p>
          <button type="button" onClick={() => traceStep(0)} disabled={!can || status === 'waiting'} data-testid="step-through-start">
            Take one step in slow motion
          </button>{' '}
          {status === 'waiting' ? 'Running one real step…' : can ? 'The next real training step, stage by stage.' : 'Pause the training first.'}
          {problem && <span role="status"> No stages: {problem}</span>}
        </p>
      )}
      {status === 'shown' && event && <Stages key={`${event.trace.step}`} ev={event} />}
    </div>
  );
}
