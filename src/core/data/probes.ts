// A fixed, class-stratified set of training examples whose per-example statistics (teacher and
// student outputs, hint weights) the lab tracks over a run.
import type { Rng } from '../random';

/**
 * Picks `count` training indices round-robin over classes (class 0, 1, …, then again), each
 * class's picks in a random order from `rng`. Classes that run out are skipped, so the result
 * stays as balanced as the labels allow. Position i holds class i mod numClasses while all last.
 */
export function chooseProbes(labels: Uint8Array, numClasses: number, count = 64, rng: Rng): Int32Array {
  const byClass: number[][] = Array.from({ length: numClasses }, () => []);
  let available = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] < numClasses) {
      byClass[labels[i]].push(i);
      available++;
    }
  }
  const n = Math.min(count, available);
  const out = new Int32Array(n);
  const taken = new Int32Array(numClasses);
  let k = 0;
  while (k < n) {
    for (let c = 0; c < numClasses && k < n; c++) {
      const list = byClass[c];
      const t = taken[c];
      if (t >= list.length) continue;
      // Partial Fisher–Yates: draw only as many per class as are used.
      const j = rng.int(t, list.length - 1);
      const v = list[j];
      list[j] = list[t];
      list[t] = v;
      taken[c] = t + 1;
      out[k++] = v;
    }
  }
  return out;
}
