// Exports of the probe views, from the page's probe history (store) in the core's probe table
// (runs/metrics.ts): the gallery gives the whole series, the scatter the latest report (what it
// plots), the per-class view each class's mean weights. Every run with hints is included (a `run`
// column tells them apart), whichever one the view shows.
import { columnsCsv, columnsJson, probeSeries, type Columns } from '../../core/runs/metrics';
import type { LogProbe } from '../../core/runs/run-log';
import type { ProbeInfo } from '../contract';
import type { ProbeSnapshot, RunData } from '../store/lab-store';

/** The trajectories' data is the gallery's (every probe's series); they export as images only. */
export const PROBE_CHARTS = ['scatter', 'gallery', 'classes'] as const;

/** The page's snapshots as the core's probe entries (the page keeps only what the views draw). */
export function probeEntries(history: ProbeSnapshot[], info: ProbeInfo): LogProbe[] {
  return history.map((p) => ({
    step: p.step,
    indices: Array.from(info.indices),
    labels: Array.from(info.labels),
    v: Array.from(p.v),
    vt: Array.from(p.vt),
    ...(p.vtStep ? { vtStep: Array.from(p.vtStep) } : {}),
    losses: Array.from(p.losses),
    preds: Array.from(p.preds),
  }));
}

/** Mean ṽ and v per class and hint over the probes of that class, in one report. */
export function classMeans(snap: ProbeSnapshot, info: ProbeInfo, hints: readonly string[]): Columns {
  const k = hints.length;
  const count = info.classNames.map((_, c) => info.labels.reduce((n, l) => n + (l === c ? 1 : 0), 0));
  const out: Columns = { class: info.classNames.slice(), count };
  hints.forEach((h, j) => {
    for (const [name, w] of [[`vt.${h}`, snap.vt], [`v.${h}`, snap.v]] as const) {
      const sums = info.classNames.map(() => 0);
      info.labels.forEach((c, i) => { sums[c] += w[i * k + j]; });
      out[name] = sums.map((x, c) => (count[c] ? x / count[c] : NaN));
    }
  });
  return out;
}

/** Several runs' tables as one: a `run` column first, a column a run lacks (another hint) left empty. */
export function stackRuns(tables: { label: string; cols: Columns }[]): Columns {
  if (tables.length === 1) return tables[0].cols;
  const names = [...new Set(tables.flatMap((t) => Object.keys(t.cols)))];
  const out: Columns = { run: [] };
  for (const c of names) out[c] = [];
  for (const t of tables) {
    const n = Object.values(t.cols)[0]?.length ?? 0;
    out.run.push(...Array.from({ length: n }, () => t.label));
    for (const c of names) out[c].push(...(t.cols[c] ?? Array.from({ length: n }, () => NaN)));
  }
  return out;
}

/** A probe view's data as CSV or JSON; null: not a probe view, or nothing reported yet. */
export function probeTable(chartId: string, runs: RunData[], info: ProbeInfo | null, kind: 'csv' | 'json'): string | null {
  if (!info || !(PROBE_CHARTS as readonly string[]).includes(chartId)) return null;
  const withHints = runs.filter((r) => r.info.hints.length > 0 && r.probeHistory.length > 0);
  if (!withHints.length) return null;
  const last = (r: RunData) => r.probeHistory[r.probeHistory.length - 1];
  const cols = stackRuns(withHints.map((r) => ({
    label: r.info.label,
    cols: chartId === 'classes'
      ? { step: info.classNames.map(() => last(r).step), ...classMeans(last(r), info, r.info.hints) }
      : probeSeries(probeEntries(chartId === 'scatter' ? [last(r)] : r.probeHistory, info), r.info.hints, info.classNames),
  })));
  return kind === 'csv' ? columnsCsv(cols) : columnsJson(cols, { view: chartId });
}
