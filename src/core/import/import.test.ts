import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { decodePng } from '../../node/decode-png';
import { DataFormatError } from '../data/errors';
import { FASHION_MNIST_CLASS_NAMES } from '../data/embedded';
import { ImportError, importErrorCode } from './errors';
import { importDataset, type ImportFile, type ImportOptions } from './import';
import { bytes, cifar100Release, cifar10Release, cifarRecords, gzipSync, idxSet, png, zip } from './fixtures.test-util';

const f = (name: string, b: Uint8Array): ImportFile => ({ name, bytes: b });

async function failure(files: ImportFile[], opts: ImportOptions = {}): Promise<ImportError> {
  const e = await importDataset(files, { decodeImage: decodePng, ...opts }).then(
    () => null,
    (err) => err,
  );
  expect(e, 'import should fail').toBeInstanceOf(DataFormatError);
  return e as ImportError;
}

function perClass(labels: Uint8Array, n: number): number[] {
  const c = new Array(n).fill(0);
  for (const l of labels) c[l]++;
  return c;
}

describe('CIFAR import', () => {
  it('reads the CIFAR-10 .tar.gz release: 5 data batches → train, test_batch → test, names from batches.meta.txt', async () => {
    const rel = cifar10Release(20, 30);
    const progress: string[] = [];
    const { dataset: d, report } = await importDataset([f('cifar-10-binary.tar.gz', rel.tgz)], { onProgress: (p) => progress.push(p.phase) });
    expect(d.train.count).toBe(100);
    expect(d.test.count).toBe(30);
    expect([d.height, d.width, d.channels]).toEqual([32, 32, 3]);
    expect(d.classNames[9]).toBe('truck');
    expect(report.format).toBe('cifar10');
    expect(report.split).toBe('source');
    expect(report.caps).toEqual([]);
    // Record 3 of batch 2 is train image 23: NHWC of the planar source.
    const src = rel.batches[1];
    expect(d.train.labels[23]).toBe(src.labels[3]);
    expect(Array.from(d.train.images.subarray(23 * 3072, 24 * 3072))).toEqual(Array.from(src.images.subarray(3 * 3072, 4 * 3072)));
    expect(Array.from(d.test.labels)).toEqual(Array.from(rel.test.labels));
    expect(progress).toContain('decompress');
    expect(progress).toContain('unpack');
    expect(progress).toContain('parse');
  });

  it('reads the CIFAR-100 .tar.gz release (fine labels, 100 classes)', async () => {
    const rel = cifar100Release(200, 100);
    const { dataset: d, report } = await importDataset([f('cifar-100-binary.tar.gz', rel.tgz)]);
    expect(report.format).toBe('cifar100');
    expect(d.classNames).toHaveLength(100);
    expect(d.train.count).toBe(200);
    expect(Array.from(d.test.labels)).toEqual(Array.from(rel.test.labels));
    expect(Array.from(d.train.images.subarray(0, 3072))).toEqual(Array.from(rel.train.images.subarray(0, 3072)));
  });

  it('reads an archive written by the system tar (GNU format), detecting gzip and tar by content, not name', async () => {
    let tarBin: string;
    try {
      tarBin = execFileSync('which', ['tar']).toString().trim();
    } catch {
      return; // no tar on this machine
    }
    const rel = cifar10Release(10, 10);
    const dir = mkdtempSync(join(tmpdir(), 'hkd-tar-'));
    mkdirSync(join(dir, 'cifar-10-batches-bin'));
    for (const file of rel.files) writeFileSync(join(dir, file.name), file.data);
    execFileSync(tarBin, ['-czf', join(dir, 'out.tgz'), '-C', dir, 'cifar-10-batches-bin']);
    const { dataset: d } = await importDataset([f('download (1)', new Uint8Array(readFileSync(join(dir, 'out.tgz'))))]);
    expect(d.train.count).toBe(50);
    expect(d.test.count).toBe(10);
  });

  it('reads single .bin files: the official set chosen together, or one file with a seeded stratified 80/20 split', async () => {
    const rel = cifar10Release(20, 30);
    const set = await importDataset([...rel.batches.map((b, i) => f(`data_batch_${i + 1}.bin`, b.bin)), f('test_batch.bin', rel.test.bin)]);
    expect([set.dataset.train.count, set.dataset.test.count]).toEqual([100, 30]);

    const one = cifarRecords('cifar10', 200, 3);
    const a = await importDataset([f('my-cifar.bin', one.bin)], { seed: 4 });
    const b = await importDataset([f('my-cifar.bin', one.bin)], { seed: 4 });
    expect(a.report.split).toBe('made');
    expect(a.report.testFraction).toBe(0.2);
    expect(a.report.notes.join(' ')).toMatch(/no train\/test split: 20% of each class/);
    expect([a.dataset.train.count, a.dataset.test.count]).toEqual([160, 40]);
    expect(perClass(a.dataset.test.labels, 10)).toEqual(new Array(10).fill(4));
    expect(a.dataset.test.labels).toEqual(b.dataset.test.labels);
    expect(a.dataset.train.images).toEqual(b.dataset.train.images);
    const c = await importDataset([f('my-cifar.bin', one.bin)], { seed: 5 });
    expect(c.dataset.train.images).not.toEqual(a.dataset.train.images);
    // CIFAR-100 by content alone.
    const hundred = cifarRecords('cifar100', 300, 9);
    expect((await importDataset([f('x.dat', hundred.bin)])).report.format).toBe('cifar100');
  });

  it('caps train and test with stratified seeded subsets and says so', async () => {
    const rel = cifar10Release(40, 50);
    const { dataset: d, report } = await importDataset([f('c.tgz', rel.tgz)], { maxTrain: 50, maxTest: 20 });
    expect([d.train.count, d.test.count]).toEqual([50, 20]);
    expect(report.caps).toEqual([
      { split: 'train', available: 200, kept: 50 },
      { split: 'test', available: 50, kept: 20 },
    ]);
    expect(report.notes.join(' ')).toMatch(/train split has 200 images; a stratified, seeded subset of 50 was kept/);
    expect(perClass(d.train.labels, 10)).toEqual(new Array(10).fill(5));
    expect(perClass(d.test.labels, 10)).toEqual(new Array(10).fill(2));
  });
});

describe('IDX import', () => {
  it('pairs 4 gzipped files by magic (images/labels) and name (train/t10k), in any order', async () => {
    const tr = idxSet(60, 28, 28, 1);
    const te = idxSet(20, 28, 28, 2);
    const files = [
      f('t10k-labels-idx1-ubyte.gz', gzipSync(te.labelsFile)),
      f('fashion/train-images-idx3-ubyte.gz', gzipSync(tr.imagesFile)),
      f('t10k-images-idx3-ubyte.gz', gzipSync(te.imagesFile)),
      f('train-labels-idx1-ubyte', tr.labelsFile),
    ];
    const { dataset: d, report } = await importDataset(files);
    expect(report.format).toBe('idx');
    expect(report.split).toBe('source');
    expect([d.height, d.width, d.channels, d.train.count, d.test.count]).toEqual([28, 28, 1, 60, 20]);
    expect(d.train.images).toEqual(tr.images);
    expect(d.test.labels).toEqual(te.labels);
    expect(d.classNames).toEqual(FASHION_MNIST_CLASS_NAMES);
    expect(d.name).toBe('Fashion-MNIST');
  });

  it('splits a lone images+labels pair 80/20 per class and names classes by digit', async () => {
    const s = idxSet(100, 12, 12, 3, 5);
    const { dataset: d, report } = await importDataset([f('digits-labels', s.labelsFile), f('digits-images', s.imagesFile)]);
    expect(report.split).toBe('made');
    expect(d.classNames).toEqual(['0', '1', '2', '3', '4']);
    expect(perClass(d.test.labels, 5)).toEqual([4, 4, 4, 4, 4]);
    expect(d.train.count + d.test.count).toBe(100);
  });

  it('refuses files it cannot pair, naming them', async () => {
    const s = idxSet(10, 4, 4, 3);
    const e = await failure([f('a-images', s.imagesFile), f('b-images', s.imagesFile)]);
    expect(e.message).toMatch(/a-images, b-images: expected 1 or 2 IDX image files, each with an IDX label file, found 2 image file\(s\) and 0 label file\(s\)/);
  });
});

describe('zip of class folders', () => {
  const red = png(64, 64, () => [200, 10, 10]);
  const blue = png(40, 24, () => [0, 0, 250]);
  const greenAlpha = png(32, 32, () => [0, 255, 0], true);

  it('uses folder names as classes, resizes to 32×32 by area averaging, keeps RGB, and splits 80/20', async () => {
    const files: Record<string, Uint8Array> = { 'pets/readme.txt': new TextEncoder().encode('hi'), '__MACOSX/pets/cat/._1.png': new Uint8Array(4) };
    for (let i = 0; i < 10; i++) {
      files[`pets/cat/${i}.png`] = red;
      files[`pets/dog/${i}.png`] = blue;
      files[`pets/frog/${i}.PNG`] = greenAlpha;
    }
    const decode = vi.fn(decodePng);
    const progress: number[] = [];
    const { dataset: d, report } = await importDataset([f('pets.zip', zip(files))], { decodeImage: decode, onProgress: (p) => p.phase === 'decode' && progress.push(p.done) });
    expect(d.classNames).toEqual(['cat', 'dog', 'frog']);
    expect([d.height, d.width, d.channels]).toEqual([32, 32, 3]);
    expect([d.train.count, d.test.count]).toEqual([24, 6]);
    expect(perClass(d.test.labels, 3)).toEqual([2, 2, 2]);
    expect(decode).toHaveBeenCalledTimes(30);
    expect(progress.at(-1)).toBe(30);
    expect(report.format).toBe('image-zip');
    expect(report.notes.join(' ')).toMatch(/1 file\(s\) that are not images/);
    expect(report.notes.join(' ')).toMatch(/resized to 32×32 by area averaging, RGB/);
    // Solid colours survive any resampling exactly.
    const at = (split: typeof d.train, i: number) => Array.from(split.images.subarray(i * 3072, i * 3072 + 3));
    for (let i = 0; i < d.train.count; i++) expect(at(d.train, i)).toEqual([[200, 10, 10], [0, 0, 250], [0, 255, 0]][d.train.labels[i]]);
  });

  it('averages 2×2 blocks when halving, keeps gray images as 1 channel, and takes train/ and test/ folders as the split', async () => {
    // A 64×64 checkerboard of 0/200 pixels averages to 100 everywhere at 32×32.
    const checker = png(64, 64, (x, y) => ((x + y) % 2 ? 200 : 0));
    const ramp = png(32, 32, (x) => x * 8);
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 3; i++) {
      files[`train/a/${i}.png`] = checker;
      files[`train/b/${i}.png`] = ramp;
    }
    files['test/a/x.png'] = checker;
    files['test/b/x.png'] = ramp;
    const { dataset: d, report } = await importDataset([f('gray.zip', zip(files))], { decodeImage: decodePng });
    expect(report.split).toBe('source');
    expect(d.channels).toBe(1);
    expect([d.train.count, d.test.count]).toEqual([6, 2]);
    const a = d.train.labels.indexOf(0);
    expect(new Set(d.train.images.subarray(a * 1024, (a + 1) * 1024))).toEqual(new Set([100]));
    const b = d.train.labels.indexOf(1);
    expect(Array.from(d.train.images.subarray(b * 1024, b * 1024 + 4))).toEqual([0, 8, 16, 24]);
  });

  it('resizes to a chosen size and caps before decoding', async () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 20; i++) {
      files[`x/${i}.png`] = red;
      files[`y/${i}.png`] = blue;
    }
    const decode = vi.fn(decodePng);
    const { dataset: d, report } = await importDataset([f('xy.zip', zip(files))], { decodeImage: decode, imageSize: 16, maxTrain: 10, maxTest: 4 });
    expect([d.height, d.width, d.train.count, d.test.count]).toEqual([16, 16, 10, 4]);
    expect(report.caps.map((c) => c.split)).toEqual(['train', 'test']);
    expect(decode).toHaveBeenCalledTimes(14);
  });
});

describe('bad input: a clear error naming the file and the problem', () => {
  it('wrong format', async () => {
    const e = await failure([f('holiday.png', png(4, 4, () => 1))]);
    expect(importErrorCode(e)).toBe('format');
    expect(e.message).toMatch(/^holiday\.png: expected a CIFAR-10\/CIFAR-100 binary release .* found \d+ bytes starting 89 50 4e 47/);
    const e2 = await failure([f('notes.txt.gz', gzipSync(new TextEncoder().encode('hello world, not a dataset')))]);
    expect(e2.message).toMatch(/^notes\.txt\.gz: expected a CIFAR/);
    const e3 = await failure([]);
    expect(e3.message).toMatch(/no files/);
  });

  it('truncated tar.gz, tar, zip, CIFAR .bin and IDX', async () => {
    const rel = cifar10Release(10, 10);
    const gz = await failure([f('cifar-10-binary.tar.gz', rel.tgz.subarray(0, rel.tgz.length - 500))]);
    expect(gz.code).toBe('truncated');
    expect(gz.message).toMatch(/^cifar-10-binary\.tar\.gz: .*download it again/);

    const tar = await failure([f('cifar.tar', rel.tar.subarray(0, 512 * 3 + 100))]);
    expect(tar.code).toBe('truncated');
    expect(tar.message).toMatch(/^cifar\.tar: expected 30730 bytes of data for "cifar-10-batches-bin\/data_batch_1\.bin", found only 100 bytes before the end of the archive/);

    const z = zip({ 'a/1.png': png(4, 4, () => 1), 'b/1.png': png(4, 4, () => 2) });
    const ze = await failure([f('set.zip', z.subarray(0, z.length - 30))]);
    expect(ze.code).toBe('truncated');
    expect(ze.message).toMatch(/^set\.zip: expected the zip's end-of-central-directory record/);

    const bin = cifarRecords('cifar10', 5, 1).bin;
    const be = await failure([f('data_batch_1.bin', bin.subarray(0, 3073 * 4 + 7))]);
    expect(be.code).toBe('truncated');
    expect(be.message).toMatch(/^data_batch_1\.bin: .*4 whole records, then a partial record of 7 bytes/);

    const s = idxSet(10, 8, 8, 1);
    const ie = await failure([f('train-images-idx3-ubyte', s.imagesFile.subarray(0, 200)), f('train-labels-idx1-ubyte', s.labelsFile)]);
    expect(ie.code).toBe('truncated');
    expect(ie.message).toMatch(/^train-images-idx3-ubyte: expected 656 bytes/);
  });

  it('an image that fails to decode names the image in the zip', async () => {
    const z = zip({ 'a/1.png': png(4, 4, () => 1), 'a/2.png': png(4, 4, () => 1), 'b/1.png': png(4, 4, () => 2), 'b/broken.png': bytes(50, 3) });
    const e = await failure([f('set.zip', z)], { testFraction: 0.5 });
    expect(e.code).toBe('decode');
    expect(e.message).toMatch(/^set\.zip: b\/broken\.png: expected an image the browser can decode .*Remove or re-save this image/);
  });

  it('no classes, or a single class', async () => {
    const one = png(4, 4, () => 1);
    const root = await failure([f('flat.zip', zip({ '1.png': one, '2.png': one }))]);
    expect(root.code).toBe('classes');
    expect(root.message).toMatch(/flat\.zip: expected images of at least 2 classes, found 2 image\(s\), none inside a class folder/);
    const empty = await failure([f('empty.zip', zip({ 'docs/readme.txt': new Uint8Array(3) }))]);
    expect(empty.message).toMatch(/found no images/);
    const single = await failure([f('cats.zip', zip({ 'cats/1.png': one, 'cats/2.png': one }))]);
    expect(single.message).toMatch(/found one class folder \("cats"\)/);
    const s = idxSet(10, 4, 4, 1, 1);
    const idx = await failure([f('i', s.imagesFile), f('l', s.labelsFile)]);
    expect(idx.code).toBe('classes');
    expect(idx.message).toMatch(/^l: expected images of at least 2 classes, found only 1 class/);
  });

  it('more data than memory allows: refused before inflating or decoding', async () => {
    const rel = cifar10Release(20, 20);
    const progress = vi.fn();
    const e = await failure([f('big.tar.gz', rel.tgz)], { memoryBudgetBytes: 100_000, onProgress: progress });
    expect(e.code).toBe('memory');
    expect(e.message).toMatch(/^big\.tar\.gz: expected at most 0\.1 MiB of memory for the import, found an estimated .* uncompressed\).*lower the image caps/);
    expect(progress).not.toHaveBeenCalled();

    const decode = vi.fn(decodePng);
    const z = zip({ 'a/1.png': png(4, 4, () => 1), 'b/1.png': png(4, 4, () => 2), 'a/2.png': png(4, 4, () => 1), 'b/2.png': png(4, 4, () => 2) });
    const ze = await failure([f('set.zip', z)], { decodeImage: decode, memoryBudgetBytes: 1 << 20 });
    expect(ze.code).toBe('memory');
    expect(decode).not.toHaveBeenCalled();
  });

  it('stops when aborted', async () => {
    const z = zip({ 'a/1.png': png(4, 4, () => 1), 'b/1.png': png(4, 4, () => 2), 'a/2.png': png(4, 4, () => 1), 'b/2.png': png(4, 4, () => 2) });
    const ac = new AbortController();
    ac.abort();
    const e = await failure([f('set.zip', z)], { signal: ac.signal });
    expect(e.code).toBe('aborted');
  });
});
