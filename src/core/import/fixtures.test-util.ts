// Test fixtures generated in each format (no data is downloaded): CIFAR records, tar and
// tar.gz archives, IDX files, zips of PNGs. Used by the tests only.
import { encode as encodePng } from 'fast-png';
import { gzipSync, zipSync } from 'fflate';
import { encodeCifarBin, type CifarKind } from '../data/cifar';
import { concat } from '../data/deflate-bomb.test-util';
import { encodeIdxImages, encodeIdxLabels } from '../data/idx';
import { writeTar } from './tar';

/** Deterministic pseudo-random bytes. */
export function bytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = s & 0xff;
  }
  return out;
}

export interface CifarFixture {
  images: Uint8Array;
  labels: Uint8Array;
  coarse?: Uint8Array;
  bin: Uint8Array;
}

/** `count` records with labels cycling through the classes. */
export function cifarRecords(kind: CifarKind, count: number, seed: number, offset = 0): CifarFixture {
  const images = bytes(count * 3072, seed);
  const classes = kind === 'cifar10' ? 10 : 100;
  const labels = Uint8Array.from({ length: count }, (_, i) => (i + offset) % classes);
  const coarse = kind === 'cifar100' ? Uint8Array.from(labels, (l) => l % 20) : undefined;
  return { images, labels, coarse, bin: encodeCifarBin(images, labels, kind, coarse) };
}

export const enc = (s: string) => new TextEncoder().encode(s);

/** The CIFAR-10 binary release layout, with `perBatch` records per batch. */
export function cifar10Release(perBatch: number, testCount: number) {
  const batches = [1, 2, 3, 4, 5].map((b) => cifarRecords('cifar10', perBatch, 100 + b, b));
  const test = cifarRecords('cifar10', testCount, 7);
  const names = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];
  const files = [
    { name: 'cifar-10-batches-bin/batches.meta.txt', data: enc(names.join('\n') + '\n\n') },
    ...batches.map((b, i) => ({ name: `cifar-10-batches-bin/data_batch_${i + 1}.bin`, data: b.bin })),
    { name: 'cifar-10-batches-bin/readme.html', data: enc('<a href="http://www.cs.toronto.edu/~kriz/cifar.html">x</a>') },
    { name: 'cifar-10-batches-bin/test_batch.bin', data: test.bin },
  ];
  const tar = writeTar(files);
  return { batches, test, files, tar, tgz: gzipSync(tar) };
}

export function cifar100Release(trainCount: number, testCount: number) {
  const train = cifarRecords('cifar100', trainCount, 11);
  const test = cifarRecords('cifar100', testCount, 12);
  const tar = writeTar([
    { name: 'cifar-100-binary/coarse_label_names.txt', data: enc('a\nb\n') },
    { name: 'cifar-100-binary/train.bin', data: train.bin },
    { name: 'cifar-100-binary/test.bin', data: test.bin },
  ]);
  return { train, test, tar, tgz: gzipSync(tar) };
}

export function idxSet(count: number, h: number, w: number, seed: number, classes = 10) {
  const images = bytes(count * h * w, seed);
  const labels = Uint8Array.from({ length: count }, (_, i) => i % classes);
  return { images, labels, imagesFile: encodeIdxImages(images, count, h, w), labelsFile: encodeIdxLabels(labels) };
}

/** A PNG of one solid colour (RGB or gray), or with a per-pixel function. */
export function png(width: number, height: number, px: (x: number, y: number) => [number, number, number] | number, alpha = false): Uint8Array {
  const gray = typeof px(0, 0) === 'number';
  const channels = gray ? (alpha ? 2 : 1) : alpha ? 4 : 3;
  const data = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = px(x, y);
      const o = (y * width + x) * channels;
      if (typeof v === 'number') data[o] = v;
      else data.set(v, o);
      if (alpha) data[o + channels - 1] = 255;
    }
  }
  return encodePng({ width, height, data, channels, depth: 8 });
}

export function zip(files: Record<string, Uint8Array>): Uint8Array {
  return zipSync(files, { level: 1 });
}

export { gzipSync };

export interface RawZipEntry {
  name: string;
  /** The entry's data as stored: deflated already when method is 8. */
  data: Uint8Array;
  method: 0 | 8;
  /** What the directory states (a zip bomb's may lie). */
  size: number;
  crc: number;
}

/** A zip written field by field, so tests can state any size and CRC-32 (zip bombs, lying directories). */
export function rawZip(entries: RawZipEntry[]): Uint8Array {
  const enc = new TextEncoder();
  const local: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = enc.encode(e.name);
    // The local header and the directory entry share these fields, the entry's 2 bytes further on.
    const header = (sig: number, size: number, at: number) => {
      const h = new Uint8Array(size + name.length);
      const v = new DataView(h.buffer);
      v.setUint32(0, sig, true);
      v.setUint16(at, 20, true); // version needed
      v.setUint16(at + 2, 0x800, true); // UTF-8 names
      v.setUint16(at + 4, e.method, true);
      v.setUint32(at + 10, e.crc, true);
      v.setUint32(at + 14, e.data.length, true);
      v.setUint32(at + 18, e.size, true);
      v.setUint16(at + 22, name.length, true);
      h.set(name, size);
      return { h, v };
    };
    const l = header(0x04034b50, 30, 4);
    const c = header(0x02014b50, 46, 6);
    c.v.setUint16(4, 20, true); // version made by
    c.v.setUint32(42, offset, true);
    local.push(l.h, e.data);
    central.push(c.h);
    offset += l.h.length + e.data.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const v = new DataView(end.buffer);
  v.setUint32(0, 0x06054b50, true);
  v.setUint16(8, entries.length, true);
  v.setUint16(10, entries.length, true);
  v.setUint32(12, cdSize, true);
  v.setUint32(16, offset, true);
  return concat([...local, ...central, end]);
}
