// Per-chart metric exports: the page's series (store) in the core's column names (train/series.ts),
// so the core's CSV/JSON writers (runs/metrics.ts, papaparse) format them. Compared runs get their
// label as a column prefix.
import { chartCsv, chartJson } from '../../core/runs/metrics';
import { HINTS, type HintId } from '../../core/train/config';
import { emptySeries, type RunSeries } from '../../core/train/series';
import { COL, SERIES_COLUMNS } from '../contract';
import type { RunData, TeacherCurve } from '../store/lab-store';

/** One run's series as a RunSeries, with test accuracy on the rows of the steps it was measured after. */
export function toRunSeries(run: RunData): RunSeries {
  const s = emptySeries();
  const n = run.series.length;
  const hints = run.info.hints;
  for (const [name, col, hint] of SERIES_COLUMNS) {
    if (!hint || hints.includes(hint)) s.steps[name] = Array.from({ length: n }, (_, i) => run.series.get(i, COL[col]));
  }
  const evalAt = new Map(run.evals.map((e) => [e.step, e.testAcc]));
  s.steps['test.acc'] = s.steps.step.map((st) => evalAt.get(st + 1) ?? NaN);
  s.steps['teacher.acc'] = s.steps.step.map(() => run.info.teacherAcc);
  s.evals = run.evals.map((e) => ({ step: e.step, testAcc: e.testAcc, testLoss: e.testLoss, teacherAcc: run.info.teacherAcc, perClassAcc: Array.from(e.perClassAcc) }));
  return s;
}

/** The teacher phase's curve as a RunSeries. */
export function teacherSeries(c: TeacherCurve): RunSeries {
  const s = emptySeries();
  const evalAt = new Map(c.evals.map((e) => [e.step, e.testAcc]));
  s.steps = { step: c.step.slice(), 'teacher.loss': c.loss.slice(), 'teacher.acc.train': c.acc.slice(), 'teacher.acc.test': c.step.map((st) => evalAt.get(st) ?? NaN) };
  return s;
}

/** Columns each chart shows; null: the chart has no step series to export. */
export function chartColumns(chartId: string): ((hints: HintId[]) => string[]) | null {
  switch (chartId) {
    case 'loss':
      return (h) => ['loss.total', 'loss.ce', ...h.map((x) => `loss.${x}`), ...(h.length ? ['loss.meta'] : [])];
    case 'accuracy':
      return () => ['acc.train', 'test.acc', 'teacher.acc'];
    case 'mix':
      return (h) => h.flatMap((x) => [`v.${x}`, `vt.${x}`]);
    case 'teacher':
      return () => ['teacher.loss', 'teacher.acc.train', 'teacher.acc.test'];
    default:
      return null;
  }
}

/** Several runs in lockstep as one series: columns prefixed with each run's label. */
export function mergeRuns(runs: { label: string; series: RunSeries; hints: HintId[] }[], columns: (hints: HintId[]) => string[]): { series: RunSeries; columns: string[] } {
  if (runs.length === 1) return { series: runs[0].series, columns: columns(runs[0].hints) };
  const out = emptySeries();
  out.steps.step = runs[0].series.steps.step ?? [];
  const cols: string[] = [];
  for (const r of runs) {
    for (const c of columns(r.hints)) {
      const name = `${r.label}/${c}`;
      out.steps[name] = r.series.steps[c] ?? [];
      cols.push(name);
    }
  }
  return { series: out, columns: cols };
}

export function chartTable(chartId: string, runs: RunData[], teacher: TeacherCurve, kind: 'csv' | 'json'): string | null {
  const columns = chartColumns(chartId);
  if (!columns) return null;
  const m = chartId === 'teacher'
    ? { series: teacherSeries(teacher), columns: columns([]) }
    : mergeRuns(runs.map((r) => ({ label: r.info.label, series: toRunSeries(r), hints: r.info.hints.filter((h) => (HINTS as readonly string[]).includes(h)) })), columns);
  return kind === 'csv' ? chartCsv(m.series, m.columns) : chartJson(m.series, m.columns);
}
