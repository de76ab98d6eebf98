// Seeded mini-batches for the training hot path: epoch-wise shuffling, optional random crop
// (zero padding) and horizontal flip, and per-channel normalisation, written straight into a
// Float32Array in NHWC. All randomness comes from the Rngs handed in, so a run is reproducible
// and its batcher state can be checkpointed and resumed exactly.
import type { Dataset, Split } from './dataset';
import { Rng } from '../random';

export type ImageShape = Pick<Dataset, 'height' | 'width' | 'channels'>;

/** Per-channel statistics of pixel values scaled to [0, 1]. */
export interface ChannelStats {
  mean: number[];
  std: number[];
}

export interface AugmentOptions {
  /** Random crop after zero padding: true for the default pad (see defaultPad), or the pad in pixels. */
  crop?: boolean | number;
  /** Horizontal flip with probability 0.5. */
  flip?: boolean;
  /** Subtract the per-channel mean and divide by the std (default true); else pixels map to [0, 1]. */
  normalise?: boolean;
}

export interface BatcherOptions extends AugmentOptions {
  /** Generator for sample(); by default one seeded from a draw of the main Rng. */
  sampleRng?: Rng;
  /** Precomputed statistics; by default computed from the split given (the training split). */
  stats?: ChannelStats;
}

export interface Batch {
  /** B·H·W·C floats, NHWC. A fresh array each call: tfjs may keep a reference to it. */
  x: Float32Array;
  labels: Int32Array;
  /** Indices into the split, for per-example bookkeeping (probes, hint weights). */
  indices: Int32Array;
  shape: [number, number, number, number];
}

/** Plain JSON, for checkpoints. */
export interface BatcherState {
  rng: number[];
  sampleRng: number[];
  order: number[];
  cursor: number;
  epoch: number;
}

/** The usual CIFAR crop pad is 4 px on 32 px; 2 px keeps the same proportion on 28 px MNIST-like images. */
export function defaultPad(height: number): number {
  return height >= 32 ? 4 : 2;
}

/**
 * The affine map v·scale[c] + bias[c] (float32) taking a raw pixel v (0..255) to (v/255 − mean)/std;
 * without normalising, only to v/255.
 */
export function normalisationOf(stats: ChannelStats, normalise = true): { scale: Float32Array; bias: Float32Array } {
  const n = stats.mean.length;
  const scale = new Float32Array(n);
  const bias = new Float32Array(n);
  for (let c = 0; c < n; c++) {
    const std = normalise ? stats.std[c] : 1;
    const mean = normalise ? stats.mean[c] : 0;
    scale[c] = 1 / (255 * std);
    bias[c] = -mean / std;
  }
  return { scale, bias };
}

/** Exact per-channel mean and std, via a 256-bin histogram per channel (one pass, no float sums per pixel). */
export function channelStats(images: Uint8Array, channels: number): ChannelStats {
  const hist = new Float64Array(channels * 256);
  const n = images.length;
  if (channels === 1) {
    for (let i = 0; i < n; i++) hist[images[i]]++;
  } else {
    for (let i = 0; i < n; i += channels) {
      for (let c = 0; c < channels; c++) hist[c * 256 + images[i + c]]++;
    }
  }
  const mean: number[] = [];
  const std: number[] = [];
  for (let c = 0; c < channels; c++) {
    let count = 0, sum = 0, sq = 0;
    for (let v = 0; v < 256; v++) {
      const k = hist[c * 256 + v];
      const x = v / 255;
      count += k;
      sum += k * x;
      sq += k * x * x;
    }
    const m = count > 0 ? sum / count : 0;
    const variance = count > 0 ? Math.max(0, sq / count - m * m) : 0;
    mean.push(m);
    // A constant channel would divide by zero; leave it centred but unscaled.
    std.push(variance > 1e-12 ? Math.sqrt(variance) : 1);
  }
  return { mean, std };
}

/**
 * Writes one image into `out` at `outBase`: out(y, x) = src(y + dy, sx0 + step·x), with
 * pixels outside the source taking the padding value bias[c] (raw pixel 0, normalised).
 */
function writeImage(
  src: Uint8Array, srcBase: number, out: Float32Array, outBase: number,
  h: number, w: number, ch: number, dy: number, dx: number, flip: boolean,
  scale: Float32Array, bias: Float32Array,
): void {
  const a = flip ? w - 1 + dx : dx;
  const step = flip ? -1 : 1;
  const x0 = flip ? Math.max(0, a - w + 1) : Math.max(0, -a);
  const x1 = flip ? Math.min(w, a + 1) : Math.min(w, w - a);
  const rowLen = w * ch;
  if (ch === 1) {
    const s0 = scale[0], b0 = bias[0];
    for (let y = 0; y < h; y++) {
      const o = outBase + y * w;
      const sy = y + dy;
      if (sy < 0 || sy >= h || x1 <= x0) {
        out.fill(b0, o, o + w);
        continue;
      }
      if (x0 > 0) out.fill(b0, o, o + x0);
      if (x1 < w) out.fill(b0, o + x1, o + w);
      let s = srcBase + sy * w + a + step * x0;
      for (let x = x0; x < x1; x++) {
        out[o + x] = src[s] * s0 + b0;
        s += step;
      }
    }
    return;
  }
  const sstep = step * ch;
  for (let y = 0; y < h; y++) {
    const o = outBase + y * rowLen;
    const sy = y + dy;
    const rowValid = sy >= 0 && sy < h && x1 > x0;
    for (let x = 0; x < w; x++) {
      if (rowValid && x >= x0 && x < x1) continue;
      for (let c = 0; c < ch; c++) out[o + x * ch + c] = bias[c];
    }
    if (!rowValid) continue;
    let s = srcBase + (sy * w + a + step * x0) * ch;
    for (let x = x0; x < x1; x++) {
      const ox = o + x * ch;
      for (let c = 0; c < ch; c++) out[ox + c] = src[s + c] * scale[c] + bias[c];
      s += sstep;
    }
  }
}

export class Batcher {
  readonly stats: ChannelStats;
  /** Crop padding in pixels; 0 when cropping is off. */
  readonly pad: number;
  readonly flip: boolean;
  private readonly scale: Float32Array;
  private readonly bias: Float32Array;
  private readonly imageSize: number;
  private rng: Rng;
  private sampleRng: Rng;
  private order: Int32Array;
  private cursor = 0;
  private epochIndex = 0;

  /** The batcher owns the Rngs from here on: do not draw from them elsewhere. */
  constructor(
    private readonly split: Split,
    private readonly shape: ImageShape,
    rng: Rng,
    opts: BatcherOptions = {},
  ) {
    if (split.count < 1) throw new Error('Batcher: the split has no images');
    this.imageSize = shape.height * shape.width * shape.channels;
    if (split.images.length !== split.count * this.imageSize) {
      throw new Error(`Batcher: ${split.images.length} image bytes is not ${split.count}×${shape.height}×${shape.width}×${shape.channels}`);
    }
    this.rng = rng;
    this.sampleRng = opts.sampleRng ?? Rng.fromSeed(rng.int(-0x80000000, 0x7fffffff));
    this.pad = opts.crop === true ? defaultPad(shape.height) : typeof opts.crop === 'number' ? opts.crop : 0;
    this.flip = opts.flip ?? false;
    this.stats = opts.stats ?? channelStats(split.images, shape.channels);
    ({ scale: this.scale, bias: this.bias } = normalisationOf(this.stats, opts.normalise ?? true));
    this.order = this.rng.permutation(split.count);
  }

  get epoch(): number {
    return this.epochIndex;
  }

  /** What normalise() applies to a raw pixel v of channel c: v·scale[c] + bias[c] (float32 values, as used). */
  get normalisation(): { scale: number[]; bias: number[] } {
    return { scale: Array.from(this.scale), bias: Array.from(this.bias) };
  }

  get count(): number {
    return this.split.count;
  }

  /**
   * The next batchSize examples of the shuffled epoch. A batch that crosses the end of an epoch
   * is completed from the next epoch's order, so every batch has the same shape (tfjs compiles
   * kernels per shape).
   */
  next(batchSize: number): Batch {
    if (batchSize > this.split.count) throw new Error(`Batcher.next: batch of ${batchSize} asked, the split has ${this.split.count}`);
    const indices = new Int32Array(batchSize);
    // Examples taken from the old epoch, when a batch crosses into a new one.
    let fromOldEpoch: Set<number> | null = null;
    for (let i = 0; i < batchSize; i++) {
      if (this.cursor >= this.order.length) {
        this.order = this.rng.permutation(this.split.count);
        this.cursor = 0;
        this.epochIndex++;
        fromOldEpoch = new Set(indices.subarray(0, i));
      }
      // Keep a batch's examples distinct (per-instance weight memories are written by index):
      // an example already in this batch swaps places with a later one of the new order.
      if (fromOldEpoch?.has(this.order[this.cursor])) {
        let j = this.cursor + 1;
        while (fromOldEpoch.has(this.order[j])) j++;
        const t = this.order[j];
        this.order[j] = this.order[this.cursor];
        this.order[this.cursor] = t;
      }
      indices[i] = this.order[this.cursor++];
    }
    return this.gather(indices, this.rng, true);
  }

  /** A random batch of distinct examples from the sample Rng (meta batches); leaves the epoch untouched. */
  sample(batchSize: number): Batch {
    const n = this.split.count;
    if (batchSize > n) throw new Error(`Batcher.sample: ${batchSize} examples asked, the split has ${n}`);
    const indices = new Int32Array(batchSize);
    const taken = new Set<number>();
    for (let i = 0; i < batchSize; i++) {
      let j = this.sampleRng.int(0, n - 1);
      while (taken.has(j)) j = this.sampleRng.int(0, n - 1);
      taken.add(j);
      indices[i] = j;
    }
    return this.gather(indices, this.sampleRng, true);
  }

  /** Normalised images for `indices` of any split with this shape, without augmentation (evaluation). */
  normalise(images: Uint8Array, indices: ArrayLike<number>): Float32Array {
    const { height: h, width: w, channels: ch } = this.shape;
    const size = this.imageSize;
    const out = new Float32Array(indices.length * size);
    for (let i = 0; i < indices.length; i++) {
      writeImage(images, indices[i] * size, out, i * size, h, w, ch, 0, 0, false, this.scale, this.bias);
    }
    return out;
  }

  getState(): BatcherState {
    return {
      rng: this.rng.state(),
      sampleRng: this.sampleRng.state(),
      order: Array.from(this.order),
      cursor: this.cursor,
      epoch: this.epochIndex,
    };
  }

  setState(state: BatcherState): void {
    if (state.order.length !== this.split.count || state.cursor < 0 || state.cursor > state.order.length) {
      throw new Error(`Batcher.setState: state is for ${state.order.length} examples (cursor ${state.cursor}), this split has ${this.split.count}`);
    }
    this.rng = Rng.fromState(state.rng);
    this.sampleRng = Rng.fromState(state.sampleRng);
    this.order = Int32Array.from(state.order);
    this.cursor = state.cursor;
    this.epochIndex = state.epoch;
  }

  private gather(indices: Int32Array, rng: Rng, augment: boolean): Batch {
    const { height: h, width: w, channels: ch } = this.shape;
    const size = this.imageSize;
    const b = indices.length;
    const x = new Float32Array(b * size);
    const labels = new Int32Array(b);
    const pad = augment ? this.pad : 0;
    const flip = augment && this.flip;
    for (let i = 0; i < b; i++) {
      const idx = indices[i];
      labels[i] = this.split.labels[idx];
      // Draw order is fixed (crop dy, crop dx, flip) so runs replay exactly.
      const dy = pad > 0 ? rng.int(-pad, pad) : 0;
      const dx = pad > 0 ? rng.int(-pad, pad) : 0;
      const f = flip ? rng.float() < 0.5 : false;
      writeImage(this.split.images, idx * size, x, i * size, h, w, ch, dy, dx, f, this.scale, this.bias);
    }
    return { x, labels, indices, shape: [b, h, w, ch] };
  }
}
