// IDX files, the format of the MNIST and Fashion-MNIST releases: a big-endian magic number
// (0x00000803 images, 0x00000801 labels: two zero bytes, type 0x08 = uint8, number of dims),
// one big-endian int32 per dimension, then the uint8 data. Raw or gzipped.
import type { Dataset } from './dataset';
import { DataFormatError, hex } from './errors';
import { isGzip, maybeGunzip } from './gzip';

export const IDX_IMAGES_MAGIC = 0x00000803;
export const IDX_LABELS_MAGIC = 0x00000801;

const HINT_IMAGES = 'Check that this is an IDX image file (…-images-idx3-ubyte[.gz]) from the MNIST/Fashion-MNIST release.';
const HINT_LABELS = 'Check that this is an IDX label file (…-labels-idx1-ubyte[.gz]) from the MNIST/Fashion-MNIST release.';

export interface IdxImages {
  count: number;
  height: number;
  width: number;
  /** count·height·width bytes, row-major (NHW, one channel). */
  images: Uint8Array;
}

function readU32(b: Uint8Array, at: number): number {
  return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
}

function writeU32(b: Uint8Array, at: number, v: number): void {
  b[at] = v >>> 24;
  b[at + 1] = (v >>> 16) & 0xff;
  b[at + 2] = (v >>> 8) & 0xff;
  b[at + 3] = v & 0xff;
}

/** Checks magic, header and exact length; returns the dims and the data view. */
function parseIdx(
  raw: Uint8Array, file: string, magic: number, what: string, hint: string,
): { dims: number[]; data: Uint8Array; dataOffset: number; decompressed: boolean } {
  const decompressed = isGzip(raw);
  const bytes = maybeGunzip(raw, file);
  const ndims = magic & 0xff;
  const header = 4 + 4 * ndims;
  const fail = (expected: string, found: string, offset: number): never => {
    throw new DataFormatError({ file, expected, found, offset, hint, decompressed });
  };
  if (bytes.length < 4) fail(`the 4-byte IDX magic number ${hex(magic)} (${what})`, `only ${bytes.length} bytes`, 0);
  const found = readU32(bytes, 0);
  if (found !== magic) {
    const other = found === IDX_IMAGES_MAGIC ? ' (an IDX image file)' : found === IDX_LABELS_MAGIC ? ' (an IDX label file)' : '';
    fail(`IDX magic number ${hex(magic)} (${what})`, `${hex(found)}${other}`, 0);
  }
  if (bytes.length < header) fail(`a ${header}-byte IDX header (${ndims} dimension sizes)`, `only ${bytes.length} bytes`, bytes.length);
  const dims: number[] = [];
  let size = 1;
  for (let d = 0; d < ndims; d++) {
    const v = readU32(bytes, 4 + 4 * d);
    // Sizes are signed int32 in the format; anything above 2^31 is garbage, not a huge file.
    if (v > 0x7fffffff) fail(`dimension ${d} size as a non-negative int32`, `${v} (${hex(v)})`, 4 + 4 * d);
    dims.push(v);
    size *= v;
  }
  const want = header + size;
  if (bytes.length < want) {
    fail(
      `${want} bytes (${header}-byte header + ${dims.join('×')} data bytes)`,
      `only ${bytes.length} bytes: the file is truncated, data stops`, bytes.length,
    );
  }
  if (bytes.length > want) {
    fail(
      `the file to end after ${want} bytes (${header}-byte header + ${dims.join('×')} data bytes)`,
      `${bytes.length - want} extra trailing bytes (${bytes.length} in all), starting`, want,
    );
  }
  return { dims, data: bytes.subarray(header, want), dataOffset: header, decompressed };
}

export function parseIdxImages(bytes: Uint8Array, file: string): IdxImages {
  const { dims, data } = parseIdx(bytes, file, IDX_IMAGES_MAGIC, 'uint8 images, 3 dims', HINT_IMAGES);
  const [count, height, width] = dims;
  if (height === 0 || width === 0) {
    throw new DataFormatError({
      file, expected: 'image height and width of at least 1', found: `${height}×${width}`, offset: 8,
      hint: HINT_IMAGES, decompressed: isGzip(bytes),
    });
  }
  return { count, height, width, images: data };
}

export function parseIdxLabels(bytes: Uint8Array, file: string, numClasses = 10): Uint8Array {
  const { data, dataOffset, decompressed } = parseIdx(bytes, file, IDX_LABELS_MAGIC, 'uint8 labels, 1 dim', HINT_LABELS);
  for (let i = 0; i < data.length; i++) {
    if (data[i] >= numClasses) {
      throw new DataFormatError({
        file, expected: `a label in 0..${numClasses - 1} for item ${i}`, found: `${data[i]}`, offset: dataOffset + i,
        hint: `${HINT_LABELS} The dataset has ${numClasses} classes.`, decompressed,
      });
    }
  }
  return data;
}

/** Writes an IDX image file (uncompressed); `images` is count·height·width bytes. */
export function encodeIdxImages(images: Uint8Array, count: number, height: number, width: number): Uint8Array {
  if (images.length !== count * height * width) {
    throw new Error(`encodeIdxImages: ${images.length} bytes is not ${count}×${height}×${width}`);
  }
  const out = new Uint8Array(16 + images.length);
  writeU32(out, 0, IDX_IMAGES_MAGIC);
  writeU32(out, 4, count);
  writeU32(out, 8, height);
  writeU32(out, 12, width);
  out.set(images, 16);
  return out;
}

/** Writes an IDX label file (uncompressed). */
export function encodeIdxLabels(labels: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + labels.length);
  writeU32(out, 0, IDX_LABELS_MAGIC);
  writeU32(out, 4, labels.length);
  out.set(labels, 8);
  return out;
}

export interface IdxFiles {
  trainImages: Uint8Array;
  trainLabels: Uint8Array;
  testImages: Uint8Array;
  testLabels: Uint8Array;
}

export interface IdxDatasetMeta {
  name: string;
  classNames: string[];
  source: string;
  license: string;
  /** File names used in error messages; default to the official Fashion-MNIST names. */
  fileNames?: Partial<Record<keyof IdxFiles, string>>;
}

export const IDX_FILE_NAMES: Record<keyof IdxFiles, string> = {
  trainImages: 'train-images-idx3-ubyte.gz',
  trainLabels: 'train-labels-idx1-ubyte.gz',
  testImages: 't10k-images-idx3-ubyte.gz',
  testLabels: 't10k-labels-idx1-ubyte.gz',
};

/** Builds a one-channel Dataset from the four IDX files of a train/test release. */
export function idxToDataset(files: IdxFiles, meta: IdxDatasetMeta): Dataset {
  const names = { ...IDX_FILE_NAMES, ...meta.fileNames };
  const numClasses = meta.classNames.length;
  const trainImg = parseIdxImages(files.trainImages, names.trainImages);
  const testImg = parseIdxImages(files.testImages, names.testImages);
  const trainLab = parseIdxLabels(files.trainLabels, names.trainLabels, numClasses);
  const testLab = parseIdxLabels(files.testLabels, names.testLabels, numClasses);
  if (testImg.height !== trainImg.height || testImg.width !== trainImg.width) {
    throw new DataFormatError({
      file: names.testImages, expected: `${trainImg.height}×${trainImg.width} images, as in ${names.trainImages}`,
      found: `${testImg.height}×${testImg.width}`, offset: 8, decompressed: isGzip(files.testImages),
      hint: 'Train and test files must come from the same dataset release.',
    });
  }
  const checkCount = (labelsFile: string, labels: Uint8Array, imagesFile: string, count: number, raw: Uint8Array) => {
    if (labels.length !== count) {
      throw new DataFormatError({
        file: labelsFile, expected: `${count} labels, one per image in ${imagesFile}`, found: `${labels.length} labels`,
        offset: 4, decompressed: isGzip(raw), hint: 'Image and label files must come from the same split of the same release.',
      });
    }
  };
  checkCount(names.trainLabels, trainLab, names.trainImages, trainImg.count, files.trainLabels);
  checkCount(names.testLabels, testLab, names.testImages, testImg.count, files.testLabels);
  return {
    name: meta.name,
    height: trainImg.height,
    width: trainImg.width,
    channels: 1,
    classNames: meta.classNames,
    train: { images: trainImg.images, labels: trainLab, count: trainImg.count },
    test: { images: testImg.images, labels: testLab, count: testImg.count },
    source: meta.source,
    license: meta.license,
  };
}
