// Train/test splits and caps. Everything is seeded, so one file and one seed give one dataset.
import type { Split } from '../data/dataset';
import { Rng } from '../random';

/**
 * A stratified split: within each class, a seeded shuffle, then round(n·testFraction) images go
 * to test — at least one and at most n−1 for a class of two or more, so every class is in both
 * splits whenever it can be. Index lists are returned in ascending order.
 */
export function stratifiedSplit(labels: ArrayLike<number>, testFraction: number, seed: number): { train: Int32Array; test: Int32Array } {
  if (!(testFraction > 0 && testFraction < 1)) throw new Error(`stratifiedSplit: testFraction must be in (0, 1), got ${testFraction}`);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    let list = byClass.get(l);
    if (!list) byClass.set(l, (list = []));
    list.push(i);
  }
  const rng = Rng.stream(seed, 'import-split');
  const train: number[] = [];
  const test: number[] = [];
  for (const cls of [...byClass.keys()].sort((a, b) => a - b)) {
    const idx = byClass.get(cls)!;
    const perm = rng.permutation(idx.length);
    let nTest = Math.round(idx.length * testFraction);
    if (idx.length >= 2) nTest = Math.min(idx.length - 1, Math.max(1, nTest));
    else nTest = 0;
    for (let k = 0; k < idx.length; k++) (k < nTest ? test : train).push(idx[perm[k]]);
  }
  return { train: Int32Array.from(train.sort((a, b) => a - b)), test: Int32Array.from(test.sort((a, b) => a - b)) };
}

/**
 * At most `cap` of `indices`, stratified: each class keeps its share (largest remainders), chosen
 * by a seeded shuffle, in ascending order. Returns the input when it is within the cap.
 */
export function capStratified(indices: Int32Array, labels: ArrayLike<number>, cap: number, seed: number, stream: string): Int32Array {
  if (indices.length <= cap) return indices;
  const byClass = new Map<number, number[]>();
  for (const i of indices) {
    const l = labels[i];
    let list = byClass.get(l);
    if (!list) byClass.set(l, (list = []));
    list.push(i);
  }
  const classes = [...byClass.keys()].sort((a, b) => a - b);
  const exact = classes.map((c) => (byClass.get(c)!.length * cap) / indices.length);
  const take = exact.map(Math.floor);
  let left = cap - take.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    take[i]++;
  }
  const rng = Rng.stream(seed, stream);
  const out: number[] = [];
  classes.forEach((c, ci) => {
    const idx = byClass.get(c)!;
    const perm = rng.permutation(idx.length);
    for (let k = 0; k < take[ci]; k++) out.push(idx[perm[k]]);
  });
  return Int32Array.from(out.sort((a, b) => a - b));
}

/** The images and labels at `indices` of a split (copies). */
export function gather(split: Split, imageSize: number, indices: Int32Array): Split {
  const images = new Uint8Array(indices.length * imageSize);
  const labels = new Uint8Array(indices.length);
  indices.forEach((src, k) => {
    images.set(split.images.subarray(src * imageSize, (src + 1) * imageSize), k * imageSize);
    labels[k] = split.labels[src];
  });
  return { images, labels, count: indices.length };
}
