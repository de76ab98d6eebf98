// Dataset import: detect each file's format from its bytes (not its name), unpack, parse, cap,
// split, and return a Dataset with a report of what was done. Framework-free: runs in a Web
// Worker (the lab) and in Node (tests). Every failure is an ImportError / DataFormatError that
// names the file, the problem and what to do.
import { CIFAR10_CLASS_NAMES, CIFAR100_CLASS_NAMES, CIFAR_SIDE, cifarRecordSize, parseCifarBin, type CifarKind } from '../data/cifar';
import type { Dataset, Split } from '../data/dataset';
import { FASHION_MNIST_CLASS_NAMES } from '../data/embedded';
import { DataFormatError } from '../data/errors';
import { isGzip } from '../data/gzip';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, parseIdxImages, parseIdxLabels } from '../data/idx';
import { checkMemory, gunzipInBudget, inflatesPastBudget } from './budget';
import { ImportError, mib } from './errors';
import { DEFAULT_IMAGE_SIZE, isImageName, resizeInto, type DecodeImage, type DecodedImage } from './image';
import { capStratified, gather, stratifiedSplit } from './split';
import { isTar, readTar } from './tar';
import { listZip, readZipEntries } from './zip';

export interface ImportFile {
  /** The name the user knows (shown in every message); the format is detected from the bytes. */
  name: string;
  bytes: Uint8Array;
}

export interface ImportProgress {
  phase: 'decompress' | 'unpack' | 'parse' | 'decode';
  file: string;
  done: number;
  total: number;
  unit: 'bytes' | 'records' | 'images';
  /** Inflating past the size the file states: `total` is then where the memory budget stops it. */
  pastStated?: boolean;
}

export interface ImportOptions {
  /** Needed for a zip of images; see image.ts. */
  decodeImage?: DecodeImage;
  /** Most training images kept (default 20,000); a stratified, seeded subset beyond it. */
  maxTrain?: number;
  /** Most test images kept (default 5,000). */
  maxTest?: number;
  /** Share of each class held out for test when the source has no split (default 0.2). */
  testFraction?: number;
  /** Seed of the split and of the capped subsets (default 1). */
  seed?: number;
  /** Side (or [height, width]) that zip images are resized to; default 32. Multiples of 4. */
  imageSize?: number | [number, number];
  /** Refuse imports whose peak memory estimate exceeds this (default 1 GiB). */
  memoryBudgetBytes?: number;
  /** Class names for IDX data (default: digits, or Fashion-MNIST's when a file name says "fashion"). */
  classNames?: string[];
  /** Dataset name (default: from the first file's name). */
  name?: string;
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortSignal;
}

export type ImportFormat = 'cifar10' | 'cifar100' | 'idx' | 'image-zip';

export interface ImportReport {
  format: ImportFormat;
  files: string[];
  /** 'source': train/test came from the files; 'made': a seeded stratified split was made here. */
  split: 'source' | 'made';
  testFraction?: number;
  seed: number;
  /** Where a cap applied: how many images the split had and how many were kept. */
  caps: { split: 'train' | 'test'; available: number; kept: number }[];
  /** Peak memory the import was estimated to need, in bytes. */
  memoryEstimateBytes: number;
  /** Human-readable notes, one per decision (caps, split, resizing, ignored files). */
  notes: string[];
}

export interface ImportResult {
  dataset: Dataset;
  report: ImportReport;
}

export const DEFAULT_MAX_TRAIN = 20_000;
export const DEFAULT_MAX_TEST = 5_000;
export const DEFAULT_TEST_FRACTION = 0.2;
export const DEFAULT_MEMORY_BUDGET = 2 ** 30;

const SUPPORTED =
  'a CIFAR-10/CIFAR-100 binary release (.tar.gz, .tar or .bin), MNIST/Fashion-MNIST IDX files (raw or .gz), or a .zip of images in one folder per class';

interface Ctx {
  opts: ImportOptions;
  seed: number;
  maxTrain: number;
  maxTest: number;
  testFraction: number;
  budget: number;
  notes: string[];
  caps: ImportReport['caps'];
  inputBytes: number;
}

function checkAbort(ctx: Ctx, file: string): void {
  if (ctx.opts.signal?.aborted) {
    throw new ImportError('aborted', { file, expected: 'the import to run to the end', found: 'a request to stop', offset: 0, hint: 'Nothing was imported; the current dataset is unchanged.' });
  }
}

function baseName(name: string): string {
  return name.split('/').pop()!;
}

function datasetName(files: ImportFile[], opts: ImportOptions): string {
  return opts.name ?? baseName(files[0].name).replace(/(\.(tar|gz|tgz|zip|bin|idx\d?-ubyte|ubyte))+$/i, '') ?? 'imported';
}

/** Turns a parser's "truncated" DataFormatError into ImportError('truncated'). */
function asTruncated<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof DataFormatError && !(e instanceof ImportError) && /truncated|partial record/.test(e.found)) {
      throw new ImportError('truncated', { file: e.file, expected: e.expected, found: e.found, offset: e.offset, hint: e.hint });
    }
    throw e;
  }
}

function classesError(file: string, found: string): never {
  throw new ImportError('classes', {
    file, expected: 'images of at least 2 classes', found, offset: 0,
    hint: 'A classifier needs two or more classes. For a zip, put the images of each class in its own folder (e.g. cats/1.png, dogs/1.png).',
  });
}

/** Imports one dataset from the files the user chose (one archive, or a set of data files). */
export async function importDataset(files: ImportFile[], opts: ImportOptions = {}): Promise<ImportResult> {
  const ctx: Ctx = {
    opts,
    seed: opts.seed ?? 1,
    maxTrain: opts.maxTrain ?? DEFAULT_MAX_TRAIN,
    maxTest: opts.maxTest ?? DEFAULT_MAX_TEST,
    testFraction: opts.testFraction ?? DEFAULT_TEST_FRACTION,
    budget: opts.memoryBudgetBytes ?? DEFAULT_MEMORY_BUDGET,
    notes: [],
    caps: [],
    inputBytes: files.reduce((n, f) => n + f.bytes.length, 0),
  };
  if (files.length === 0) {
    throw new ImportError('format', { file: '(no file)', expected: SUPPORTED, found: 'no files', offset: 0, hint: 'Choose or drop the dataset files.' });
  }
  // 1. Inflate gzip files: refused first on the trailer's stated size, then stopped on the bytes
  // actually produced (the trailer holds the size mod 2^32, and can lie).
  const plain: ImportFile[] = [];
  let inflated = 0;
  for (const f of files) {
    checkAbort(ctx, f.name);
    if (isGzip(f.bytes)) {
      const bytes = gunzipInBudget(f.name, f.bytes, ctx.budget, ctx.inputBytes + inflated, (done, total, pastStated) =>
        opts.onProgress?.({ phase: 'decompress', file: f.name, done, total, unit: 'bytes', pastStated }), () => checkAbort(ctx, f.name));
      inflated += bytes.length;
      plain.push({ name: f.name, bytes });
    } else plain.push(f);
  }
  ctx.inputBytes += inflated;
  // 2. Classify by content.
  const zips = plain.filter((f) => isZip(f.bytes));
  if (zips.length) {
    if (plain.length > 1) {
      throw new ImportError('format', { file: zips[0].name, expected: 'a zip of class folders on its own', found: `${plain.length} files chosen together`, offset: 0, hint: 'Import the zip by itself.' });
    }
    return importZip(zips[0], ctx);
  }
  const members: ImportFile[] = [];
  const inArchive = new Set<ImportFile>();
  for (const f of plain) {
    if (isTar(f.bytes)) {
      const entries = readTar(f.bytes, f.name, (at) => opts.onProgress?.({ phase: 'unpack', file: f.name, done: at, total: f.bytes.length, unit: 'bytes' }));
      for (const e of entries) {
        const m = { name: `${f.name}/${e.name}`, bytes: e.data };
        members.push(m);
        inArchive.add(m);
      }
    } else members.push(f);
  }
  const idx = members.filter((f) => idxMagic(f.bytes) !== null);
  // In an archive only .bin members are data (the rest: readme, meta); a file chosen directly is a candidate whatever its name.
  const bins = members.filter((f) => !idx.includes(f) && (!inArchive.has(f) || /\.bin$/i.test(f.name)));
  const fromTar = inArchive.size > 0 || plain.some((f) => isTar(f.bytes));
  if (idx.length && idx.length === members.length) return importIdx(idx, ctx, files);
  if (idx.length) {
    const other = members.find((m) => !idx.includes(m))!;
    throw new ImportError('format', { file: other.name, expected: 'only IDX files alongside IDX files', found: 'a file that is not IDX', offset: 0, hint: 'Import the four (or two) IDX files of one dataset together.' });
  }
  if (bins.length === 0) {
    const f = plain[0];
    if (fromTar) {
      throw new ImportError('format', {
        file: f.name, expected: 'CIFAR binary batches (data_batch_N.bin/test_batch.bin, or train.bin/test.bin) in the archive',
        found: `${members.length} other file(s)`, offset: 0, hint: `Import ${SUPPORTED}.`,
      });
    }
    throw new ImportError('format', { file: f.name, expected: SUPPORTED, found: `bytes starting ${hexStart(f.bytes)}`, offset: 0, hint: 'Check that you chose the dataset file itself.' });
  }
  return importCifar(bins, members, ctx, files);
}

function hexStart(b: Uint8Array): string {
  return Array.from(b.subarray(0, 8), (x) => x.toString(16).padStart(2, '0')).join(' ') || '(empty file)';
}

function isZip(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && ((b[2] === 3 && b[3] === 4) || (b[2] === 5 && b[3] === 6));
}

function idxMagic(b: Uint8Array): 'images' | 'labels' | null {
  if (b.length < 4) return null;
  const m = ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
  return m === IDX_IMAGES_MAGIC ? 'images' : m === IDX_LABELS_MAGIC ? 'labels' : null;
}

function isTestName(name: string): boolean {
  return /(^|[^a-z])(t10k|test)/i.test(baseName(name));
}

// ---------------------------------------------------------------------------------------------
// CIFAR

function cifarKindOf(f: ImportFile): CifarKind | null {
  const b = baseName(f.name).toLowerCase();
  if (/^(data_batch_\d+|test_batch)(\.bin)?$/.test(b)) return 'cifar10';
  if (/^(train|test)\.bin$/.test(b) && /cifar-?100/i.test(f.name)) return 'cifar100';
  // By content: a whole number of records whose labels are all in range.
  const fits = (kind: CifarKind) => {
    const rec = cifarRecordSize(kind);
    if (f.bytes.length === 0 || f.bytes.length % rec) return false;
    for (let at = 0; at < f.bytes.length; at += rec) {
      if (kind === 'cifar10' ? f.bytes[at] >= 10 : f.bytes[at] >= 20 || f.bytes[at + 1] >= 100) return false;
    }
    return true;
  };
  if (fits('cifar10')) return 'cifar10';
  if (fits('cifar100')) return 'cifar100';
  if (/^(train|test)\.bin$/.test(b)) return 'cifar100';
  return null;
}

function importCifar(bins: ImportFile[], members: ImportFile[], ctx: Ctx, originals: ImportFile[]): ImportResult {
  const kinds = bins.map((f) => [f, cifarKindOf(f)] as const);
  const unknown = kinds.find(([, k]) => k === null);
  if (unknown) {
    const f = unknown[0];
    const r10 = cifarRecordSize('cifar10');
    const r100 = cifarRecordSize('cifar100');
    throw new ImportError('format', {
      file: f.name, expected: SUPPORTED, found: `${f.bytes.length} bytes starting ${hexStart(f.bytes)}, not a whole number of CIFAR-10 (${r10}-byte) or CIFAR-100 (${r100}-byte) records with valid labels`,
      offset: 0, hint: 'Check that you chose the dataset file itself; a truncated CIFAR .bin is recognised by its official name (data_batch_N.bin, test_batch.bin, train.bin, test.bin).',
    });
  }
  const kind = kinds[0][1]!;
  const mixed = kinds.find(([, k]) => k !== kind);
  if (mixed) {
    throw new ImportError('format', { file: mixed[0].name, expected: `${kind} records like ${kinds[0][0].name}`, found: `${mixed[1]} records`, offset: 0, hint: 'Import the files of one dataset together.' });
  }
  const rec = cifarRecordSize(kind);
  const pixels = CIFAR_SIDE * CIFAR_SIDE * 3;
  // Truncation: a file that is not a whole number of records was cut short.
  for (const f of bins) asTruncated(() => (f.bytes.length > 0 && f.bytes.length % rec === 0) || parseCifarBin(f.bytes, f.name, kind));
  // Labels straight from the records (validated), so caps choose records before any pixel is copied.
  const labelAt = rec - pixels - 1;
  const readLabels = (f: ImportFile) => {
    const n = f.bytes.length / rec;
    const out = new Uint8Array(n);
    const max = kind === 'cifar10' ? 10 : 100;
    for (let r = 0; r < n; r++) {
      const v = f.bytes[r * rec + labelAt];
      if (v >= max || (kind === 'cifar100' && f.bytes[r * rec] >= 20)) parseCifarBin(f.bytes.subarray(r * rec, (r + 1) * rec), f.name, kind); // throws the parser's message
      out[r] = v;
    }
    return out;
  };
  const testFiles = bins.filter((f) => isTestName(f.name));
  const trainFiles = bins.filter((f) => !isTestName(f.name));
  const hasSplit = testFiles.length > 0 && trainFiles.length > 0;
  const groups = hasSplit ? [trainFiles, testFiles] : [bins];
  const pools = groups.map((g) => {
    const labels = g.map(readLabels);
    const all = new Uint8Array(labels.reduce((n, l) => n + l.length, 0));
    let o = 0;
    for (const l of labels) {
      all.set(l, o);
      o += l.length;
    }
    return { files: g, labels: all };
  });
  let trainSel: Int32Array;
  let testSel: Int32Array;
  let trainPool = pools[0];
  let testPool = pools[hasSplit ? 1 : 0];
  if (hasSplit) {
    trainSel = Int32Array.from(pools[0].labels, (_, i) => i);
    testSel = Int32Array.from(pools[1].labels, (_, i) => i);
  } else {
    ({ train: trainSel, test: testSel } = stratifiedSplit(pools[0].labels, ctx.testFraction, ctx.seed));
    trainPool = testPool = pools[0];
  }
  trainSel = cap(ctx, 'train', trainSel, trainPool.labels);
  testSel = cap(ctx, 'test', testSel, testPool.labels);
  const file = originals.length === 1 ? originals[0].name : bins[0].name;
  const finalBytes = (trainSel.length + testSel.length) * (pixels + rec + 1);
  const estimate = ctx.inputBytes + finalBytes;
  checkMemory(file, ctx.budget, estimate, `${mib(ctx.inputBytes)} of file data plus ${mib(finalBytes)} for ${trainSel.length + testSel.length} images`);
  const extract = (pool: (typeof pools)[number], sel: Int32Array, what: string): Split => {
    const compact = new Uint8Array(sel.length * rec);
    const starts: number[] = [];
    let s = 0;
    for (const f of pool.files) {
      starts.push(s);
      s += f.bytes.length / rec;
    }
    let fi = 0;
    sel.forEach((g, k) => {
      while (fi + 1 < starts.length && g >= starts[fi + 1]) fi++;
      const r = g - starts[fi];
      compact.set(pool.files[fi].bytes.subarray(r * rec, (r + 1) * rec), k * rec);
      if (k % 1000 === 0) ctx.opts.onProgress?.({ phase: 'parse', file: what, done: k, total: sel.length, unit: 'records' });
    });
    const parsed = parseCifarBin(compact, what, kind);
    ctx.opts.onProgress?.({ phase: 'parse', file: what, done: sel.length, total: sel.length, unit: 'records' });
    return { images: parsed.images, labels: parsed.labels, count: parsed.count };
  };
  const train = extract(trainPool, trainSel, trainPool.files.map((f) => f.name).join(', '));
  const test = extract(testPool, testSel, testPool.files.map((f) => f.name).join(', '));
  if (!hasSplit) ctx.notes.push(splitNote(ctx, bins.length === 1 ? `${bins[0].name} has` : 'these files have'));
  const classNames = cifarClassNames(kind, members, ctx);
  const numClasses = new Set(train.labels).size;
  if (numClasses < 2) classesError(file, `only ${numClasses} class among ${train.count} training images`);
  const dataset: Dataset = {
    name: ctx.opts.name ?? (kind === 'cifar10' ? 'CIFAR-10' : 'CIFAR-100'),
    height: CIFAR_SIDE, width: CIFAR_SIDE, channels: 3, classNames, train, test,
    source: `Imported from ${originals.map((f) => f.name).join(', ')}`,
    license: 'CIFAR-10/100 (Krizhevsky, 2009), as provided by the user',
  };
  return { dataset, report: report(ctx, kind, originals, hasSplit, estimate) };
}

function cifarClassNames(kind: CifarKind, members: ImportFile[], ctx: Ctx): string[] {
  const want = kind === 'cifar10' ? 10 : 100;
  const meta = members.find((m) => (kind === 'cifar10' ? /batches\.meta\.txt$/ : /fine_label_names\.txt$/).test(m.name));
  if (meta) {
    const names = new TextDecoder().decode(meta.bytes).split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
    if (names.length === want) return names;
    ctx.notes.push(`${meta.name} lists ${names.length} class names, not ${want}; the official names are used.`);
  }
  return kind === 'cifar10' ? CIFAR10_CLASS_NAMES : CIFAR100_CLASS_NAMES;
}

function cap(ctx: Ctx, split: 'train' | 'test', sel: Int32Array, labels: ArrayLike<number>): Int32Array {
  const max = split === 'train' ? ctx.maxTrain : ctx.maxTest;
  if (sel.length <= max) return sel;
  ctx.caps.push({ split, available: sel.length, kept: max });
  ctx.notes.push(`The ${split} split has ${sel.length} images; a stratified, seeded subset of ${max} was kept (the ${split} cap). Raise the cap to keep more.`);
  return capStratified(sel, labels, max, ctx.seed, `import-cap-${split}`);
}

function splitNote(ctx: Ctx, subject: string): string {
  return `${subject} no train/test split: ${Math.round(ctx.testFraction * 100)}% of each class was held out for test (seeded, seed ${ctx.seed}).`;
}

function report(ctx: Ctx, format: ImportFormat, files: ImportFile[], fromSource: boolean, estimate: number): ImportReport {
  return {
    format, files: files.map((f) => f.name), split: fromSource ? 'source' : 'made',
    ...(fromSource ? {} : { testFraction: ctx.testFraction }), seed: ctx.seed, caps: ctx.caps, memoryEstimateBytes: estimate, notes: ctx.notes,
  };
}

// ---------------------------------------------------------------------------------------------
// IDX

function importIdx(files: ImportFile[], ctx: Ctx, originals: ImportFile[]): ImportResult {
  const images = files.filter((f) => idxMagic(f.bytes) === 'images');
  const labels = files.filter((f) => idxMagic(f.bytes) === 'labels');
  const pairHint = 'Import an images file with its labels file (2 files), or the train and test pairs together (4 files: train-images, train-labels, t10k-images, t10k-labels).';
  if (images.length !== labels.length || (images.length !== 1 && images.length !== 2)) {
    throw new ImportError('format', {
      file: files.map((f) => f.name).join(', '), expected: '1 or 2 IDX image files, each with an IDX label file',
      found: `${images.length} image file(s) and ${labels.length} label file(s)`, offset: 0, hint: pairHint,
    });
  }
  type Pair = { images: ImportFile; labels: ImportFile };
  let pairs: Pair[];
  if (images.length === 1) pairs = [{ images: images[0], labels: labels[0] }];
  else {
    const role = (f: ImportFile) => (isTestName(f.name) ? 'test' : 'train');
    const ti = images.filter((f) => role(f) === 'train');
    const tl = labels.filter((f) => role(f) === 'train');
    if (ti.length !== 1 || tl.length !== 1) {
      throw new ImportError('format', {
        file: files.map((f) => f.name).join(', '), expected: 'names that tell train from test ("t10k" or "test" in the test files\' names)',
        found: `${ti.length} train image file(s) and ${tl.length} train label file(s) by name`, offset: 0, hint: pairHint,
      });
    }
    pairs = [
      { images: ti[0], labels: tl[0] },
      { images: images.find((f) => f !== ti[0])!, labels: labels.find((f) => f !== tl[0])! },
    ];
  }
  const parsed = pairs.map((p) => {
    const img = asTruncated(() => parseIdxImages(p.images.bytes, p.images.name));
    const lab = asTruncated(() => parseIdxLabels(p.labels.bytes, p.labels.name, 256));
    if (lab.length !== img.count) {
      throw new ImportError('format', {
        file: p.labels.name, expected: `${img.count} labels, one per image in ${p.images.name}`, found: `${lab.length} labels`, offset: 4,
        hint: 'Image and label files must come from the same split of the same release.',
      });
    }
    ctx.opts.onProgress?.({ phase: 'parse', file: p.images.name, done: img.count, total: img.count, unit: 'records' });
    return { ...img, labels: lab, pair: p };
  });
  const [a, b] = parsed;
  if (b && (b.height !== a.height || b.width !== a.width)) {
    throw new ImportError('format', {
      file: b.pair.images.name, expected: `${a.height}×${a.width} images, as in ${a.pair.images.name}`, found: `${b.height}×${b.width}`, offset: 8,
      hint: 'Train and test files must come from the same dataset release.',
    });
  }
  const size = a.height * a.width;
  let numClasses = 0;
  for (const p of parsed) for (const l of p.labels) numClasses = Math.max(numClasses, l + 1);
  const splitA: Split = { images: a.images, labels: a.labels, count: a.count };
  let train: Split;
  let test: Split;
  let trainSel: Int32Array;
  let testSel: Int32Array;
  if (b) {
    trainSel = cap(ctx, 'train', Int32Array.from(a.labels, (_, i) => i), a.labels);
    testSel = cap(ctx, 'test', Int32Array.from(b.labels, (_, i) => i), b.labels);
  } else {
    ({ train: trainSel, test: testSel } = stratifiedSplit(a.labels, ctx.testFraction, ctx.seed));
    trainSel = cap(ctx, 'train', trainSel, a.labels);
    testSel = cap(ctx, 'test', testSel, a.labels);
    ctx.notes.push(splitNote(ctx, `${a.pair.images.name} has`));
  }
  const finalBytes = (trainSel.length + testSel.length) * (size + 1);
  const estimate = ctx.inputBytes + finalBytes;
  checkMemory(a.pair.images.name, ctx.budget, estimate, `${mib(ctx.inputBytes)} of file data plus ${mib(finalBytes)} for ${trainSel.length + testSel.length} images`);
  train = gather(splitA, size, trainSel);
  test = gather(b ? { images: b.images, labels: b.labels, count: b.count } : splitA, size, testSel);
  const present = new Set(train.labels).size;
  if (present < 2) classesError(a.pair.labels.name, `only ${present} class among ${train.count} training labels`);
  const fashion = originals.some((f) => /fashion/i.test(f.name));
  let classNames = ctx.opts.classNames;
  if (classNames && classNames.length < numClasses) {
    throw new ImportError('classes', {
      file: a.pair.labels.name, expected: `at least ${numClasses} class names (labels go up to ${numClasses - 1})`, found: `${classNames.length} names`,
      offset: 0, hint: 'Give one name per class, or none to use the defaults.',
    });
  }
  classNames ??= fashion && numClasses === 10 ? FASHION_MNIST_CLASS_NAMES : Array.from({ length: numClasses }, (_, i) => String(i));
  const dataset: Dataset = {
    name: ctx.opts.name ?? (fashion ? 'Fashion-MNIST' : datasetName(originals, ctx.opts)),
    height: a.height, width: a.width, channels: 1, classNames, train, test,
    source: `Imported from ${originals.map((f) => f.name).join(', ')}`, license: 'as provided by the user',
  };
  return { dataset, report: report(ctx, 'idx', originals, !!b, estimate) };
}

// ---------------------------------------------------------------------------------------------
// Zip of class folders

async function importZip(zip: ImportFile, ctx: Ctx): Promise<ImportResult> {
  const { opts } = ctx;
  const entries = listZip(zip.bytes, zip.name);
  const images: { name: string; cls: string; split: string | null; size: number }[] = [];
  let ignored = 0;
  let atRoot = 0;
  for (const e of entries) {
    const parts = e.name.split('/').filter(Boolean);
    if (e.name.endsWith('/') || parts.some((p) => p.startsWith('.') || p === '__MACOSX')) continue;
    if (!isImageName(e.name)) {
      ignored++;
      continue;
    }
    if (parts.length < 2) {
      atRoot++;
      continue;
    }
    const above = parts.length >= 3 ? parts[parts.length - 3].toLowerCase() : null;
    images.push({ name: e.name, cls: parts[parts.length - 2], split: above === 'train' || above === 'test' ? above : null, size: e.size });
  }
  if (ignored) ctx.notes.push(`${ignored} file(s) that are not images (by extension) were ignored.`);
  if (atRoot) ctx.notes.push(`${atRoot} image(s) outside any class folder were ignored.`);
  const classNames = [...new Set(images.map((i) => i.cls))].sort();
  if (classNames.length === 0) {
    classesError(zip.name, atRoot ? `${atRoot} image(s), none inside a class folder` : 'no images (.png, .jpg, .gif, .bmp, .webp)');
  }
  if (classNames.length === 1) classesError(zip.name, `one class folder ("${classNames[0]}")`);
  if (classNames.length > 256) classesError(zip.name, `${classNames.length} class folders; at most 256 are supported`);
  if (!opts.decodeImage) throw new Error('importDataset: a zip of images needs opts.decodeImage');
  const labels = Uint8Array.from(images, (i) => classNames.indexOf(i.cls));
  const fromSource = images.every((i) => i.split !== null) && images.some((i) => i.split === 'test') && images.some((i) => i.split === 'train');
  let trainSel: Int32Array;
  let testSel: Int32Array;
  if (fromSource) {
    trainSel = Int32Array.from(images.flatMap((im, i) => (im.split === 'train' ? [i] : [])));
    testSel = Int32Array.from(images.flatMap((im, i) => (im.split === 'test' ? [i] : [])));
  } else {
    ({ train: trainSel, test: testSel } = stratifiedSplit(labels, ctx.testFraction, ctx.seed));
    ctx.notes.push(splitNote(ctx, `${zip.name} has`));
  }
  trainSel = cap(ctx, 'train', trainSel, labels);
  testSel = cap(ctx, 'test', testSel, labels);
  const [h, w] = Array.isArray(opts.imageSize) ? opts.imageSize : [opts.imageSize ?? DEFAULT_IMAGE_SIZE, opts.imageSize ?? DEFAULT_IMAGE_SIZE];
  if (h % 4 || w % 4 || h < 4 || w < 4) throw new Error(`importDataset: imageSize must be multiples of 4 (the networks pool twice), got ${h}×${w}`);
  const chosen = [...trainSel, ...testSel];
  const compressed = chosen.reduce((n, i) => n + images[i].size, 0);
  const finalBytes = chosen.length * h * w * 3;
  // The largest decoded RGBA is unknown before decoding; allow for a 1024×1024 one.
  const estimate = ctx.inputBytes + compressed + finalBytes + 4 * 1024 * 1024;
  checkMemory(zip.name, ctx.budget, estimate, `${mib(ctx.inputBytes)} zip + ${mib(compressed)} unpacked images + ${mib(finalBytes)} for ${chosen.length} images at ${h}×${w}`);
  const wanted = new Set(chosen.map((i) => images[i].name));
  // Stopped on the bytes actually inflated: the directory's sizes can lie (a zip bomb).
  const held = ctx.inputBytes + finalBytes;
  const limit = ctx.budget - held;
  const data = readZipEntries(zip.bytes, zip.name, entries.filter((e) => wanted.has(e.name)), {
    limit,
    overLimit: (entry, produced) => inflatesPastBudget(`${zip.name}: ${entry}`, ctx.budget, held, produced, 0),
    onProgress: (done) => opts.onProgress?.({ phase: 'unpack', file: zip.name, done, total: done > compressed ? limit : compressed, unit: 'bytes', pastStated: done > compressed }),
    checkAbort: () => checkAbort(ctx, zip.name),
  });
  const all = new Uint8Array(finalBytes);
  let gray = true;
  const sizes = new Map<string, number>();
  for (let k = 0; k < chosen.length; k++) {
    checkAbort(ctx, zip.name);
    const im = images[chosen[k]];
    let dec: DecodedImage;
    try {
      dec = await opts.decodeImage(data.get(im.name)!, im.name);
      if (!(dec.width > 0 && dec.height > 0) || dec.rgba.length !== dec.width * dec.height * 4) throw new Error(`decoder returned ${dec.width}×${dec.height} with ${dec.rgba.length} bytes`);
    } catch (e) {
      throw new ImportError('decode', {
        file: `${zip.name}: ${im.name}`, expected: 'an image the browser can decode (PNG, JPEG, GIF, BMP or WebP)', found: `a decoding error (${(e as Error)?.message ?? e})`, offset: 0,
        hint: 'Remove or re-save this image, then import the zip again.',
      });
    }
    data.delete(im.name);
    sizes.set(`${dec.width}×${dec.height}`, (sizes.get(`${dec.width}×${dec.height}`) ?? 0) + 1);
    if (gray) for (let i = 0; i < dec.rgba.length; i += 4) if (dec.rgba[i] !== dec.rgba[i + 1] || dec.rgba[i] !== dec.rgba[i + 2]) { gray = false; break; }
    resizeInto(dec, h, w, 3, all, k * h * w * 3);
    opts.onProgress?.({ phase: 'decode', file: zip.name, done: k + 1, total: chosen.length, unit: 'images' });
  }
  const channels = gray ? 1 : 3;
  const pack = (sel: Int32Array, from: number): Split => {
    const px = h * w;
    const out = new Uint8Array(sel.length * px * channels);
    if (channels === 3) out.set(all.subarray(from * px * 3, (from + sel.length) * px * 3));
    else for (let i = 0; i < sel.length * px; i++) out[i] = all[(from * px + i) * 3];
    return { images: out, labels: Uint8Array.from(sel, (i) => labels[i]), count: sel.length };
  };
  const train = pack(trainSel, 0);
  const test = pack(testSel, trainSel.length);
  const sizeList = [...sizes.entries()].map(([s, n]) => `${n} at ${s}`).join(', ');
  ctx.notes.push(`Images (${sizeList}) were resized to ${h}×${w} by area averaging, ${gray ? 'grayscale (every image was gray)' : 'RGB'}, alpha over black.`);
  const dataset: Dataset = {
    name: datasetName([zip], opts), height: h, width: w, channels, classNames, train, test,
    source: `Imported from ${zip.name}`, license: 'as provided by the user',
  };
  return { dataset, report: report(ctx, 'image-zip', [zip], fromSource, estimate) };
}
