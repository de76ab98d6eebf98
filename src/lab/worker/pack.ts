// Packs step reports into the contract's flat typed arrays (one row per step), so a chunk
// crosses to the page as two transferable buffers instead of many small objects.
import { HINTS, type HintId } from '../../core/train/config';
import { HIST_BINS, type StepReport } from '../../core/train/report';
import type { RunSeries } from '../../core/train/series';
import { COL, HIST_LEN, NCOLS, SERIES_COLUMNS, type MetricsChunk } from '../contract';

export function packReports(runId: number, reports: StepReport[]): MetricsChunk {
  const rows = new Float64Array(reports.length * NCOLS).fill(NaN);
  const hist = new Float32Array(reports.length * HIST_LEN);
  reports.forEach((r, i) => {
    const o = i * NCOLS;
    rows[o + COL.step] = r.step;
    rows[o + COL.epoch] = r.epoch;
    rows[o + COL.total] = r.losses.total;
    rows[o + COL.ce] = r.losses.ce;
    for (const h of HINTS) if (r.losses[h] !== undefined) rows[o + COL[h]] = r.losses[h]!;
    if (r.metaLoss !== undefined) rows[o + COL.meta] = r.metaLoss;
    rows[o + COL.trainAcc] = r.trainAcc;
    rows[o + COL.lr] = r.lr;
    rows[o + COL.stepMs] = r.stepMs;
    r.hints.forEach((h, k) => {
      rows[o + COL[`v_${h}`]] = r.meanV[k];
      rows[o + COL[`vt_${h}`]] = r.meanVt[k];
      const slot = HINTS.indexOf(h);
      hist.set(r.hist.subarray(k * HIST_BINS, (k + 1) * HIST_BINS), i * HIST_LEN + slot * HIST_BINS);
    });
  });
  return { runId, rows, hist };
}

/**
 * The packed chunk of a recorded RunSeries (core column names, see train/series.ts): a saved
 * run's past, sent again to the page after a reload. Epochs are not recorded there (NaN).
 */
export function packSeries(runId: number, s: RunSeries, hints: readonly HintId[]): MetricsChunk {
  const n = s.steps.step?.length ?? 0;
  const rows = new Float64Array(n * NCOLS).fill(NaN);
  const hist = new Float32Array(n * HIST_LEN);
  for (const [name, key, hint] of SERIES_COLUMNS) {
    const col = s.steps[name];
    if (!col || (hint && !hints.includes(hint))) continue;
    const c = COL[key];
    for (let i = 0; i < n; i++) rows[i * NCOLS + c] = col[i] ?? NaN;
  }
  for (let i = 0; i < n; i++) {
    const h = s.hist[i];
    if (!h) continue;
    hints.forEach((hint, k) => hist.set(h.slice(k * HIST_BINS, (k + 1) * HIST_BINS), i * HIST_LEN + HINTS.indexOf(hint) * HIST_BINS));
  }
  return { runId, rows, hist };
}
