import { describe, expect, it } from 'vitest';
import type { Dataset } from './dataset';
import { splitValidation } from './validation';

function toy(n: number, classes: number, imbalance = false): Dataset {
  const labels = Uint8Array.from({ length: n }, (_, i) => (imbalance && i % 4 === 0 ? 0 : i % classes));
  const images = Uint8Array.from({ length: n }, (_, i) => i % 251); // 1×1 images: the pixel names the image
  return { name: 'toy', height: 1, width: 1, channels: 1, classNames: Array.from({ length: classes }, (_, i) => `c${i}`), train: { images, labels, count: n }, test: { images, labels, count: n }, source: '', license: '' };
}

const perClass = (labels: Uint8Array, classes: number) => Array.from({ length: classes }, (_, c) => labels.filter((l) => l === c).length);

describe('the validation split', () => {
  it('holds out the asked number of training images, per class in proportion, disjoint from the rest', () => {
    const d = toy(1000, 10, true);
    const { train, val } = splitValidation(d, 200);
    expect(val.count).toBe(200);
    expect(train.count).toBe(800);
    const all = perClass(d.train.labels, 10);
    const held = perClass(val.labels, 10);
    held.forEach((h, c) => expect(Math.abs(h - (all[c] * 200) / 1000)).toBeLessThanOrEqual(1));
    expect(perClass(train.labels, 10).map((t, c) => t + held[c])).toEqual(all);
  });

  it('is the same every time, whatever the run seed (a fixed seed), and capped at half the images', () => {
    const a = splitValidation(toy(500, 5), 100);
    const b = splitValidation(toy(500, 5), 100);
    expect(Array.from(b.val.images)).toEqual(Array.from(a.val.images));
    expect(splitValidation(toy(40, 4), 1000).val.count).toBe(20);
    const none = splitValidation(toy(40, 4), 0);
    expect([none.train.count, none.val.count]).toEqual([40, 0]);
  });
});
