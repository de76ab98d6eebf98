import { describe, expect, it } from 'vitest';
import { gzipSync } from 'fflate';
import { DataFormatError } from './errors';
import {
  CIFAR100_CLASS_NAMES, CIFAR100_COARSE_CLASS_NAMES, CIFAR10_CLASS_NAMES, cifarRecordSize, cifarToDataset,
  encodeCifarBin, parseCifarBin,
} from './cifar';

const N = 3;
const nhwc = new Uint8Array(N * 32 * 32 * 3).map((_, i) => (i * 31 + (i >> 8)) % 256);
const fine = new Uint8Array([7, 0, 99]);
const coarse = new Uint8Array([19, 0, 4]);

function caught(f: () => unknown): DataFormatError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DataFormatError);
    return e as DataFormatError;
  }
  throw new Error('expected a DataFormatError');
}

describe('CIFAR binary', () => {
  it('has the official class name lists', () => {
    expect(CIFAR10_CLASS_NAMES).toHaveLength(10);
    expect(CIFAR100_CLASS_NAMES).toHaveLength(100);
    expect(new Set(CIFAR100_CLASS_NAMES).size).toBe(100);
    expect(CIFAR100_COARSE_CLASS_NAMES).toHaveLength(20);
    expect([...CIFAR100_CLASS_NAMES].sort()).toEqual(CIFAR100_CLASS_NAMES); // official order is alphabetical
  });

  it('reads planar CIFAR-10 records into NHWC', () => {
    // A hand-made record: R plane all 10, G plane = pixel index mod 256, B plane all 30.
    const rec = new Uint8Array(cifarRecordSize('cifar10'));
    rec[0] = 3;
    rec.fill(10, 1, 1025);
    for (let i = 0; i < 1024; i++) rec[1025 + i] = i % 256;
    rec.fill(30, 2049);
    const p = parseCifarBin(rec, 'data_batch_1.bin', 'cifar10');
    expect(p.count).toBe(1);
    expect(p.labels).toEqual(new Uint8Array([3]));
    // Pixel (y=1, x=2) → index 34: RGB interleaved.
    expect([...p.images.subarray(34 * 3, 34 * 3 + 3)]).toEqual([10, 34, 30]);
    expect(p.coarseLabels).toBeUndefined();
  });

  it('round-trips CIFAR-10 and CIFAR-100 fixtures, raw and gzipped', () => {
    const ten = encodeCifarBin(nhwc, new Uint8Array([7, 0, 9]), 'cifar10');
    expect(ten.length).toBe(N * 3073);
    for (const b of [ten, gzipSync(ten, { mtime: 0 })]) {
      const p = parseCifarBin(b, 't.bin', 'cifar10');
      expect(p.images).toEqual(nhwc);
      expect(p.labels).toEqual(new Uint8Array([7, 0, 9]));
    }
    const hundred = encodeCifarBin(nhwc, fine, 'cifar100', coarse);
    expect(hundred.length).toBe(N * 3074);
    const p = parseCifarBin(hundred, 'train.bin', 'cifar100');
    expect(p.images).toEqual(nhwc);
    expect(p.labels).toEqual(fine);
    expect(p.coarseLabels).toEqual(coarse);
    const d = cifarToDataset('cifar100', [p, p], [p], 'src', 'lic');
    expect([d.channels, d.train.count, d.test.count, d.classNames.length]).toEqual([3, 6, 3, 100]);
  });

  it('rejects a size that is not a whole number of records', () => {
    const ten = encodeCifarBin(nhwc, new Uint8Array([1, 2, 3]), 'cifar10');
    const cut = ten.subarray(0, ten.length - 100);
    const e = caught(() => parseCifarBin(cut, 'data_batch_2.bin', 'cifar10'));
    expect(e.offset).toBe(2 * 3073);
    expect(e.message).toContain('data_batch_2.bin: expected a whole number of 3073-byte CIFAR-10 records');
    expect(e.message).toContain(`found ${cut.length} bytes (2 whole records, then a partial record of 2973 bytes starting) at byte offset 6146`);
    expect(caught(() => parseCifarBin(new Uint8Array(0), 'e.bin', 'cifar100')).message).toContain('found an empty file');
    // A CIFAR-10 file read as CIFAR-100 does not divide either.
    expect(caught(() => parseCifarBin(ten, 'x.bin', 'cifar100')).message).toContain('3074-byte CIFAR-100 records');
    // Garbage.
    expect(() => parseCifarBin(new TextEncoder().encode('hello'), 'g.bin', 'cifar10')).toThrow(DataFormatError);
  });

  it('rejects labels out of range at their offset', () => {
    const ten = encodeCifarBin(nhwc, new Uint8Array([1, 2, 3]), 'cifar10');
    ten[3073] = 10;
    const e = caught(() => parseCifarBin(ten, 'test_batch.bin', 'cifar10'));
    expect(e.offset).toBe(3073);
    expect(e.message).toContain('expected a class label in 0..9 for record 1, found 10 at byte offset 3073');
    const hundred = encodeCifarBin(nhwc, fine, 'cifar100', coarse);
    hundred[2 * 3074 + 1] = 100;
    expect(caught(() => parseCifarBin(hundred, 'train.bin', 'cifar100')).message)
      .toContain('expected a fine label in 0..99 for record 2, found 100 at byte offset 6149');
    const badCoarse = encodeCifarBin(nhwc, fine, 'cifar100', coarse);
    badCoarse[0] = 20;
    expect(caught(() => parseCifarBin(badCoarse, 'train.bin', 'cifar100')).message)
      .toContain('expected a coarse label in 0..19 for record 0, found 20 at byte offset 0');
  });
});
