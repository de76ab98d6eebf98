// Per-chart metric exports: columns of the page's run logs (the same chunks the worker's log holds,
// so a chart's CSV agrees with the run CSV at any length), written by the core's CSV/JSON writers
// (runs/metrics.ts, papaparse). Compared runs get their label as a column prefix.
import { chartCsv, chartJson, logTable, type StepTable } from '../../core/runs/metrics';
import { HINTS, type HintId } from '../../core/train/config';
import type { RunData, TeacherCurve } from '../store/lab-store';

/** One run's step columns (views of its log), with test accuracy on the rows of the steps it was measured after. */
export function runTable(run: RunData): StepTable {
  const t = logTable(run.series);
  const steps = run.series.column('step');
  const evalAt = new Map(run.evals.map((e) => [e.step, e.testAcc]));
  t['test.acc'] = Float64Array.from(steps, (st) => evalAt.get(st + 1) ?? NaN);
  t['teacher.acc'] = new Float64Array(steps.length).fill(run.info.teacherAcc);
  return t;
}

/** The teacher phase's curve as step columns. */
export function teacherTable(c: TeacherCurve): StepTable {
  const evalAt = new Map(c.evals.map((e) => [e.step, e.testAcc]));
  return { step: c.step, 'teacher.loss': c.loss, 'teacher.acc.train': c.acc, 'teacher.acc.test': c.step.map((st) => evalAt.get(st) ?? NaN) };
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

/** Several runs in lockstep as one table: columns prefixed with each run's label. */
export function mergeRuns(runs: { label: string; table: StepTable; hints: HintId[] }[], columns: (hints: HintId[]) => string[]): { table: StepTable; columns: string[] } {
  if (runs.length === 1) return { table: runs[0].table, columns: columns(runs[0].hints) };
  const out: StepTable = { step: runs[0].table.step ?? [] };
  const cols: string[] = [];
  for (const r of runs) {
    for (const c of columns(r.hints)) {
      const name = `${r.label}/${c}`;
      out[name] = r.table[c] ?? [];
      cols.push(name);
    }
  }
  return { table: out, columns: cols };
}

export function chartTable(chartId: string, runs: RunData[], teacher: TeacherCurve, kind: 'csv' | 'json'): string | null {
  const columns = chartColumns(chartId);
  if (!columns) return null;
  const m = chartId === 'teacher'
    ? { table: teacherTable(teacher), columns: columns([]) }
    : mergeRuns(runs.map((r) => ({ label: r.info.label, table: runTable(r), hints: r.info.hints.filter((h) => (HINTS as readonly string[]).includes(h)) })), columns);
  return kind === 'csv' ? chartCsv(m.table, m.columns) : chartJson(m.table, m.columns);
}
