import { describe, expect, it } from 'vitest';
import { gzipSync } from 'fflate';
import { DataFormatError } from './errors';
import { encodeIdxImages, encodeIdxLabels, idxToDataset, parseIdxImages, parseIdxLabels } from './idx';

const N = 6, H = 4, W = 3;
const pixels = new Uint8Array(N * H * W).map((_, i) => (i * 13) % 256);
const labels = new Uint8Array([0, 1, 2, 9, 5, 3]);
const imgFile = encodeIdxImages(pixels, N, H, W);
const labFile = encodeIdxLabels(labels);
const gz = (b: Uint8Array) => gzipSync(b, { mtime: 0 });

function caught(f: () => unknown): DataFormatError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DataFormatError);
    return e as DataFormatError;
  }
  throw new Error('expected a DataFormatError');
}

describe('IDX parsing', () => {
  it('accepts raw and gzipped image and label files', () => {
    for (const [img, lab] of [[imgFile, labFile], [gz(imgFile), gz(labFile)]]) {
      const p = parseIdxImages(img, 'img');
      expect([p.count, p.height, p.width]).toEqual([N, H, W]);
      expect(p.images).toEqual(pixels);
      expect(parseIdxLabels(lab, 'lab')).toEqual(labels);
    }
  });

  it('rejects a wrong magic number, naming both', () => {
    const e = caught(() => parseIdxImages(labFile, 'train-images.idx'));
    expect(e.message).toContain('train-images.idx');
    expect(e.message).toContain('expected IDX magic number 0x00000803');
    expect(e.message).toContain('found 0x00000801 (an IDX label file)');
    expect(e.message).toContain('at byte offset 0');
    expect(e.message).toContain('MNIST/Fashion-MNIST');
    const g = caught(() => parseIdxLabels(new TextEncoder().encode('<html>not found</html>'), 'labels.gz'));
    expect(g.message).toMatch(/expected IDX magic number 0x00000801 .*found 0x3c68746d/);
  });

  it('rejects truncated data with the sizes and where it stops', () => {
    const cut = imgFile.subarray(0, imgFile.length - 5);
    const e = caught(() => parseIdxImages(cut, 'img.idx'));
    expect(e.offset).toBe(cut.length);
    expect(e.message).toContain(`expected ${imgFile.length} bytes (16-byte header + 6×4×3 data bytes)`);
    expect(e.message).toContain(`found only ${cut.length} bytes`);
    expect(e.message).toContain(`at byte offset ${cut.length}`);
    // Same inside gzip: the offset is in the decompressed data, and says so.
    const z = caught(() => parseIdxImages(gz(cut), 'img.idx.gz'));
    expect(z.message).toContain('(of the decompressed data)');
    // A header cut short.
    expect(caught(() => parseIdxImages(imgFile.subarray(0, 10), 'h')).message).toContain('expected a 16-byte IDX header');
    expect(caught(() => parseIdxLabels(new Uint8Array(2), 'tiny')).message).toContain('found only 2 bytes');
  });

  it('rejects trailing bytes after the data', () => {
    const long = new Uint8Array(labFile.length + 3);
    long.set(labFile);
    const e = caught(() => parseIdxLabels(long, 'lab.idx'));
    expect(e.offset).toBe(labFile.length);
    expect(e.message).toContain(`expected the file to end after ${labFile.length} bytes`);
    expect(e.message).toContain('found 3 extra trailing bytes');
  });

  it('rejects labels out of range at the offset of the bad byte', () => {
    const bad = labFile.slice();
    bad[8 + 4] = 10;
    const e = caught(() => parseIdxLabels(bad, 'lab.idx', 10));
    expect(e.offset).toBe(12);
    expect(e.message).toContain('expected a label in 0..9 for item 4, found 10 at byte offset 12');
    expect(() => parseIdxLabels(labFile, 'lab.idx', 5)).toThrow(/label in 0\.\.4 for item 3, found 9/);
  });
});

describe('idxToDataset', () => {
  const meta = { name: 't', classNames: Array.from({ length: 10 }, (_, i) => `c${i}`), source: 's', license: 'l' };

  it('builds a one-channel Dataset', () => {
    const d = idxToDataset({ trainImages: gz(imgFile), trainLabels: labFile, testImages: imgFile, testLabels: gz(labFile) }, meta);
    expect([d.height, d.width, d.channels, d.train.count, d.test.count]).toEqual([H, W, 1, N, N]);
    expect(d.train.images).toEqual(pixels);
    expect(d.test.labels).toEqual(labels);
  });

  it('rejects an image/label count mismatch', () => {
    const e = caught(() => idxToDataset(
      { trainImages: imgFile, trainLabels: encodeIdxLabels(labels.subarray(0, 5)), testImages: imgFile, testLabels: labFile }, meta,
    ));
    expect(e.message).toContain('train-labels-idx1-ubyte.gz: expected 6 labels, one per image in train-images-idx3-ubyte.gz, found 5 labels');
  });
});
