// The probe gallery's order and the weights it shows, as pure functions (ProbeViews.tsx). The
// weight a probe is sorted by is the one shown first: v now, the meta-weight net's weight for it at
// this snapshot. Its stored ṽ changes only when the probe is in a batch, so sorting by ṽ brought up
// probes last seen early (still 1.00), not the ones the network turns down now.
import type { ProbeSnapshot } from '../store/lab-store';

export type SortKey = 'weight-desc' | 'weight-asc' | 'label' | 'pred' | 'loss-desc';

/** Probe i's weights for hint j: v now, the stored ṽ and the step ṽ was last updated at (−1: never). */
export function probeWeight(snap: ProbeSnapshot, i: number, j: number, K: number) {
  return { now: snap.v[i * K + j], stored: snap.vt[i * K + j], at: snap.vtStep[i] };
}

/** The gallery's text for one hint's weights, e.g. "kd 1.42 (ṽ 1.00 @ step 12)". */
export function weightText(hint: string, w: { now: number; stored: number; at: number }): string {
  return `${hint} ${w.now.toFixed(2)} (ṽ ${w.stored.toFixed(2)} ${w.at < 0 ? 'not yet updated' : `@ step ${w.at}`})`;
}

/** Probe indices in gallery order; hint k of K (−1: none), labels in probe order. */
export function probeOrder(snap: ProbeSnapshot | undefined, labels: ArrayLike<number>, k: number, K: number, sort: SortKey): number[] {
  const idx = Array.from({ length: labels.length }, (_, i) => i);
  if (!snap) return idx;
  const w = (i: number) => (k >= 0 ? snap.v[i * K + k] : 0);
  const loss = (i: number) => snap.losses[i * (1 + K) + (k >= 0 ? 1 + k : 0)];
  // Ties keep probe order, so equal weights do not shuffle between snapshots.
  const cmp: Record<SortKey, (a: number, b: number) => number> = {
    'weight-desc': (a, b) => w(b) - w(a) || a - b,
    'weight-asc': (a, b) => w(a) - w(b) || a - b,
    label: (a, b) => labels[a] - labels[b] || a - b,
    pred: (a, b) => snap.preds[a] - snap.preds[b] || a - b,
    'loss-desc': (a, b) => loss(b) - loss(a) || a - b,
  };
  return idx.sort(cmp[sort]);
}
