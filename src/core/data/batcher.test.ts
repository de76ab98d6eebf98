import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { Batcher, channelStats, defaultPad, normalisationOf } from './batcher';
import type { Split } from './dataset';

/** n images of h×w×c whose pixels encode (image, position) so order and layout are checkable. */
function makeSplit(n: number, h: number, w: number, c: number, classes = 10): Split {
  const images = new Uint8Array(n * h * w * c).map((_, i) => (i * 37 + 11) % 256);
  const labels = new Uint8Array(n).map((_, i) => i % classes);
  return { images, labels, count: n };
}

const shape28 = { height: 28, width: 28, channels: 1 };
const split = makeSplit(100, 28, 28, 1);

describe('Batcher', () => {
  it('gives the same batches for the same seed and different ones for another seed', () => {
    const opts = { crop: true, flip: true };
    const a = new Batcher(split, shape28, Rng.fromSeed(1), opts);
    const b = new Batcher(split, shape28, Rng.fromSeed(1), opts);
    const c = new Batcher(split, shape28, Rng.fromSeed(2), opts);
    for (let i = 0; i < 5; i++) {
      const [x, y, z] = [a.next(16), b.next(16), c.next(16)];
      expect(y.indices).toEqual(x.indices);
      expect(y.x).toEqual(x.x);
      expect(y.labels).toEqual(x.labels);
      if (i === 0) expect(z.indices).not.toEqual(x.indices);
    }
    expect(a.sample(8).indices).toEqual(b.sample(8).indices);
  });

  it('returns NHWC floats, labels and indices of the right shapes', () => {
    const s = makeSplit(20, 32, 32, 3);
    const bt = new Batcher(s, { height: 32, width: 32, channels: 3 }, Rng.fromSeed(3), { crop: true, flip: true });
    expect(bt.pad).toBe(4);
    expect(defaultPad(28)).toBe(2);
    const batch = bt.next(5);
    expect(batch.shape).toEqual([5, 32, 32, 3]);
    expect(batch.x.length).toBe(5 * 32 * 32 * 3);
    for (let i = 0; i < 5; i++) expect(batch.labels[i]).toBe(s.labels[batch.indices[i]]);
  });

  it('keeps the examples of a batch distinct when it crosses into a new epoch', () => {
    const small = makeSplit(10, 28, 28, 1);
    for (let seed = 0; seed < 30; seed++) {
      const bt = new Batcher(small, shape28, Rng.fromSeed(seed));
      for (let k = 0; k < 7; k++) {
        const idx = Array.from(bt.next(7).indices);
        expect(new Set(idx).size).toBe(7);
      }
    }
  });

  it('covers every index exactly once per epoch, then reshuffles', () => {
    const bt = new Batcher(split, shape28, Rng.fromSeed(4));
    const seen: number[] = [];
    for (let i = 0; i < 10; i++) seen.push(...bt.next(10).indices);
    expect([...seen].sort((p, q) => p - q)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(bt.epoch).toBe(0);
    const second: number[] = [];
    for (let i = 0; i < 10; i++) second.push(...bt.next(10).indices);
    expect(bt.epoch).toBe(1);
    expect(new Set(second).size).toBe(100);
    expect(second).not.toEqual(seen);
    // A batch across the epoch boundary keeps its size.
    const odd = new Batcher(split, shape28, Rng.fromSeed(4));
    for (let i = 0; i < 3; i++) odd.next(30);
    expect(odd.next(30).indices.length).toBe(30);
    expect(odd.epoch).toBe(1);
  });

  it('continues identically after a JSON state round trip', () => {
    const a = new Batcher(split, shape28, Rng.fromSeed(5), { crop: true, flip: true });
    for (let i = 0; i < 7; i++) a.next(16);
    a.sample(4);
    const state = JSON.parse(JSON.stringify(a.getState()));
    const b = new Batcher(split, shape28, Rng.fromSeed(999), { crop: true, flip: true });
    b.setState(state);
    for (let i = 0; i < 10; i++) {
      const [x, y] = [a.next(16), b.next(16)];
      expect(y.indices).toEqual(x.indices);
      expect(y.x).toEqual(x.x);
    }
    expect(b.sample(8).x).toEqual(a.sample(8).x);
    expect(b.epoch).toBe(a.epoch);
  });

  it('flips a 2×3 image by reversing its columns', () => {
    const s: Split = { images: new Uint8Array([1, 2, 3, 4, 5, 6]), labels: new Uint8Array([0]), count: 1 };
    const bt = new Batcher(s, { height: 2, width: 3, channels: 1 }, Rng.fromSeed(6), { flip: true, normalise: false });
    const raw = [1, 2, 3, 4, 5, 6].map((v) => v / 255);
    const flipped = [3, 2, 1, 6, 5, 4].map((v) => v / 255);
    let sawFlip = false, sawPlain = false;
    for (let i = 0; i < 40; i++) {
      const x = Array.from(bt.next(1).x);
      const isFlip = x.every((v, j) => Math.abs(v - flipped[j]) < 1e-7);
      const isPlain = x.every((v, j) => Math.abs(v - raw[j]) < 1e-7);
      expect(isFlip || isPlain).toBe(true);
      sawFlip ||= isFlip;
      sawPlain ||= isPlain;
    }
    expect(sawFlip && sawPlain).toBe(true);
  });

  it('crops with zero padding: every output is the image shifted, with zeros filling in', () => {
    const h = 3, w = 4;
    const img = new Uint8Array(h * w).map((_, i) => 10 + i);
    const s: Split = { images: img, labels: new Uint8Array([0]), count: 1 };
    const bt = new Batcher(s, { height: h, width: w, channels: 1 }, Rng.fromSeed(7), { crop: 1, normalise: false });
    const shifts = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const x = bt.next(1).x;
      let match = '';
      for (let dy = -1; dy <= 1 && !match; dy++) {
        for (let dx = -1; dx <= 1 && !match; dx++) {
          let ok = true;
          for (let y = 0; y < h; y++) for (let c = 0; c < w; c++) {
            const sy = y + dy, sx = c + dx;
            const want = sy >= 0 && sy < h && sx >= 0 && sx < w ? img[sy * w + sx] / 255 : 0;
            if (Math.abs(x[y * w + c] - want) > 1e-7) ok = false;
          }
          if (ok) match = `${dy},${dx}`;
        }
      }
      expect(match).not.toBe('');
      shifts.add(match);
    }
    expect(shifts.size).toBe(9);
  });

  it('crop + flip on RGB matches a reference built pixel by pixel', () => {
    const s = makeSplit(3, 5, 6, 3);
    const shape = { height: 5, width: 6, channels: 3 };
    const bt = new Batcher(s, shape, Rng.fromSeed(8), { crop: 2, flip: true, normalise: false });
    for (let k = 0; k < 30; k++) {
      const batch = bt.next(1);
      const base = batch.indices[0] * 90;
      const x = batch.x;
      let found = false;
      for (let dy = -2; dy <= 2 && !found; dy++) for (let dx = -2; dx <= 2 && !found; dx++) for (const f of [false, true]) {
        let ok = true;
        for (let y = 0; y < 5 && ok; y++) for (let c = 0; c < 6 && ok; c++) for (let ch = 0; ch < 3; ch++) {
          const sy = y + dy, sx = (f ? 5 - c : c) + dx;
          const want = sy >= 0 && sy < 5 && sx >= 0 && sx < 6 ? s.images[base + (sy * 6 + sx) * 3 + ch] / 255 : 0;
          if (Math.abs(x[(y * 6 + c) * 3 + ch] - want) > 1e-6) { ok = false; break; }
        }
        if (ok) { found = true; break; }
      }
      expect(found).toBe(true);
    }
  });

  it('normalises to mean ≈ 0 and std ≈ 1 per channel over the training split', () => {
    const s = makeSplit(50, 8, 8, 3);
    const shape = { height: 8, width: 8, channels: 3 };
    const bt = new Batcher(s, shape, Rng.fromSeed(9));
    const all = Int32Array.from({ length: 50 }, (_, i) => i);
    const x = bt.normalise(s.images, all);
    for (let c = 0; c < 3; c++) {
      let sum = 0, sq = 0, n = 0;
      for (let i = c; i < x.length; i += 3) { sum += x[i]; sq += x[i] * x[i]; n++; }
      expect(Math.abs(sum / n)).toBeLessThan(1e-5);
      expect(Math.abs(sq / n - 1)).toBeLessThan(1e-4);
    }
    const st = channelStats(new Uint8Array([0, 255, 0, 255]), 1);
    expect(st.mean[0]).toBeCloseTo(0.5, 12);
    expect(st.std[0]).toBeCloseTo(0.5, 12);
    expect(bt.stats.mean).toHaveLength(3);
    // An unaugmented batch equals normalise() of its indices.
    const batch = bt.next(7);
    expect(batch.x).toEqual(bt.normalise(s.images, batch.indices));
  });

  it('normalisationOf maps a raw pixel v to (v/255 − mean)/std, or to v/255 without normalising', () => {
    const stats = { mean: [0.2, 0.5, 0.9], std: [0.1, 0.25, 0.03] };
    const on = normalisationOf(stats);
    const off = normalisationOf(stats, false);
    for (let c = 0; c < 3; c++) {
      for (const v of [0, 1, 77, 128, 254, 255]) {
        // float32 coefficients: agreement to float32 precision of the result, not exactly.
        const want = (v / 255 - stats.mean[c]) / stats.std[c];
        expect(Math.abs(v * on.scale[c] + on.bias[c] - want)).toBeLessThan(1e-6 * Math.max(1, Math.abs(want)));
        expect(Math.abs(v * off.scale[c] + off.bias[c] - v / 255)).toBeLessThan(1e-7);
      }
    }
  });

  it('Batcher.normalisation is exactly what normalise() applies to every raw value, per channel', () => {
    // Every value 0..255 in every channel (channel c of pixel v is (v + 85c) mod 256).
    const s: Split = { images: Uint8Array.from({ length: 256 * 3 }, (_, i) => (Math.floor(i / 3) + 85 * (i % 3)) % 256), labels: new Uint8Array(16), count: 16 };
    const shape = { height: 4, width: 4, channels: 3 };
    for (const normalise of [true, false]) {
      const bt = new Batcher(s, shape, Rng.fromSeed(4), { normalise });
      const { scale, bias } = bt.normalisation;
      expect(scale).toEqual(Array.from(normalisationOf(bt.stats, normalise).scale));
      const x = bt.normalise(s.images, Int32Array.from({ length: 16 }, (_, i) => i));
      const want = Float32Array.from(s.images, (v, i) => v * scale[i % 3] + bias[i % 3]);
      expect(x).toEqual(want);
    }
  });

  it('samples distinct indices from its own stream without moving the epoch', () => {
    const a = new Batcher(split, shape28, Rng.fromSeed(10));
    const b = new Batcher(split, shape28, Rng.fromSeed(10));
    const m = a.sample(32);
    expect(new Set(m.indices).size).toBe(32);
    expect(a.next(16).indices).toEqual(b.next(16).indices);
    expect(() => a.sample(101)).toThrow(/101/);
  });

  it('is fast enough for the hot path', () => {
    const big = makeSplit(2000, 32, 32, 3);
    const bt = new Batcher(big, { height: 32, width: 32, channels: 3 }, Rng.fromSeed(11), { crop: true, flip: true });
    bt.next(64);
    const t0 = performance.now();
    for (let i = 0; i < 50; i++) bt.next(64);
    const ms = (performance.now() - t0) / 50;
    expect(ms).toBeLessThan(20);
  });
});
