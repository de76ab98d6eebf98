// Export buttons for one chart: PNG and SVG of what it draws, CSV and JSON of the series behind it
// (the step series, or the probe reports for the probe views).
import { useState, type KeyboardEvent, type RefObject } from 'react';
import { rovingMove } from '../charts/roving';
import { useLab } from '../store/lab-store';
import { chartTable } from './chart-data';
import { canvasBlob, chartCanvas, chartSvg, svgToPng } from './chart-image';
import { download } from './download';
import { heatSvg } from './heat-image';
import { PROBE_CHARTS, probeTable } from './probe-data';

const STEP_CHARTS = ['loss', 'accuracy', 'mix', 'teacher'];
/** Views drawn as HTML, not as a plot: data only. */
const NO_IMAGE = ['gallery'];

export function ChartExport({ chartId, title, root }: { chartId: string; title: string; root: RefObject<HTMLElement | null> }) {
  const [problem, setProblem] = useState<string | null>(null);
  const base = `hkd-${chartId}`;
  const probe = (PROBE_CHARTS as readonly string[]).includes(chartId);
  const data = probe || STEP_CHARTS.includes(chartId);
  const image = !NO_IMAGE.includes(chartId);
  const run = async (what: 'png' | 'svg' | 'csv' | 'json') => {
    setProblem(null);
    const el = root.current;
    if (!el) return;
    try {
      if (what === 'csv' || what === 'json') {
        const s = useLab.getState();
        const text = chartTable(chartId, s.runs, s.teacherCurve, what) ?? probeTable(chartId, s.runs, s.probeInfo, what);
        if (text === null) throw new Error(probe ? 'no probe report yet' : 'this view has no step series');
        return download(`${base}.${what}`, text, what === 'csv' ? 'text/csv' : 'application/json');
      }
      const svg = chartId === 'heat' ? heatSvg(el) : chartSvg(el);
      if (what === 'svg') {
        if (!svg) throw new Error('this view is not drawn as SVG; use PNG');
        return download(`${base}.svg`, svg.text, 'image/svg+xml');
      }
      const canvas = chartCanvas(el);
      const blob = svg ? await svgToPng(svg) : canvas ? await canvasBlob(canvas) : null;
      if (!blob) throw new Error('nothing is drawn yet');
      download(`${base}.png`, blob, 'image/png');
    } catch (e) {
      setProblem(`Could not export ${title}: ${(e as Error).message}.`);
    }
  };
  // One tab stop per chart (a toolbar: the arrow keys move between its buttons), so the page's
  // many export buttons do not bury the controls under Tab presses.
  const kinds = [...(image ? (['png', 'svg'] as const) : []), ...(data ? (['csv', 'json'] as const) : [])];
  const [active, setActive] = useState(0);
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const to = rovingMove(e.key, active, kinds.length, kinds.length);
    if (to === null) return;
    e.preventDefault();
    setActive(to);
    e.currentTarget.querySelectorAll('button')[to]?.focus();
  };
  const name = (k: (typeof kinds)[number]) => (k === 'png' || k === 'svg' ? `${title} as ${k.toUpperCase()}` : `${title} data as ${k.toUpperCase()}`);
  return (
    <div className="chart-export" role="toolbar" aria-label={`Export ${title}`} onKeyDown={onKey}>
      {kinds.map((k, i) => (
        <button key={k} type="button" tabIndex={i === active ? 0 : -1} onFocus={() => setActive(i)} onClick={() => void run(k)} aria-label={name(k)}>{k.toUpperCase()}</button>
      ))}
      {problem && <span className="field-error" role="alert">{problem}</span>}
    </div>
  );
}
