// The validation split (HKD.md §7): carved from the training split, class-stratified, with a fixed
// seed, so every run seed, method and teacher sees the same one. Settings are chosen on it; the
// test split only reports.
import { capStratified, gather } from '../import/split';
import type { Dataset, Split } from './dataset';
import { imageSize } from './dataset';

export interface TrainVal {
  /** What training draws batches, probes and batch-norm statistics from. */
  train: Split;
  /** Held out; empty when the size is 0. */
  val: Split;
}

const cache = new WeakMap<Split, Map<number, TrainVal>>();

/**
 * Holds `size` training images out as the validation split (at most half of them, so a small
 * imported dataset keeps something to train on). The same dataset and size give the same split
 * (cached: compare runs share one copy).
 */
export function splitValidation(d: Dataset, size: number): TrainVal {
  const n = Math.min(Math.max(0, Math.floor(size)), Math.floor(d.train.count / 2));
  let bySize = cache.get(d.train);
  if (!bySize) cache.set(d.train, (bySize = new Map()));
  const hit = bySize.get(n);
  if (hit) return hit;
  let out: TrainVal;
  if (n === 0) out = { train: d.train, val: { images: new Uint8Array(0), labels: new Uint8Array(0), count: 0 } };
  else {
    const all = Int32Array.from({ length: d.train.count }, (_, i) => i);
    const val = capStratified(all, d.train.labels, n, 0, 'validation');
    const held = new Uint8Array(d.train.count);
    for (const i of val) held[i] = 1;
    const train = all.filter((i) => !held[i]);
    out = { train: gather(d.train, imageSize(d), train), val: gather(d.train, imageSize(d), val) };
  }
  bySize.set(n, out);
  return out;
}
