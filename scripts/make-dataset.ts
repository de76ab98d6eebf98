// Remakes the embedded default dataset in public/data/fashion-mnist/: the first 10,000 training
// and first 2,000 test images of Fashion-MNIST, as gzipped IDX files plus meta.json and LICENSE.
//
// The source files come from Debian's package `dataset-fashion-mnist`, which holds the official
// Fashion-MNIST IDX release in /usr/share/datasets/fashion-mnist/ and its licence (MIT, © 2017
// Zalando SE) in /usr/share/doc/dataset-fashion-mnist/copyright. Install it with
//   apt-get install dataset-fashion-mnist
// or, without installing: apt-get download dataset-fashion-mnist && dpkg-deb -x <file>.deb <dir>,
// then pass --src <dir>/usr/share/datasets/fashion-mnist --copyright <dir>/usr/share/doc/dataset-fashion-mnist/copyright.
//
// Output is byte-for-byte deterministic (gzip mtime 0, no file name, fixed level), so re-running
// it leaves git clean.
//
// Usage: node scripts/run-node.mjs scripts/make-dataset.ts [--src DIR] [--copyright FILE] [--out DIR]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'fflate';
import { encodeIdxImages, encodeIdxLabels, parseIdxImages, parseIdxLabels } from '../src/core/data/idx';
import { EMBEDDED_FILES, FASHION_MNIST_CLASS_NAMES, type EmbeddedMeta } from '../src/core/data/embedded';

const TRAIN_COUNT = 10_000;
const TEST_COUNT = 2_000;
const MAX_TOTAL_BYTES = 20 * 1024 * 1024;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const srcDir = arg('--src', '/usr/share/datasets/fashion-mnist');
const copyrightFile = arg('--copyright', '/usr/share/doc/dataset-fashion-mnist/copyright');
const outDir = resolve(arg('--out', 'public/data/fashion-mnist'));

function fail(message: string): never {
  console.error(`make-dataset: ${message}`);
  process.exit(1);
}

function readSource(name: string): Uint8Array {
  const path = join(srcDir, name);
  if (!existsSync(path)) {
    fail(`${path} is missing. It comes from the Debian package dataset-fashion-mnist: install it with
  apt-get install dataset-fashion-mnist
or unpack it without installing (apt-get download dataset-fashion-mnist && dpkg-deb -x <file>.deb <dir>) and pass --src <dir>/usr/share/datasets/fashion-mnist.`);
  }
  return new Uint8Array(readFileSync(path));
}

/** The licence as Debian records it: the Files: * copyright line and the Expat licence text. */
function licenseText(): string {
  if (!existsSync(copyrightFile)) fail(`${copyrightFile} is missing (it ships with dataset-fashion-mnist; see the header of this script).`);
  const text = readFileSync(copyrightFile, 'utf8');
  const stanzas = text.split(/\n\s*\n/);
  const upstream = stanzas.find((s) => /^Files:\s*\*\s*$/m.test(s));
  const copyright = upstream?.match(/^Copyright:\s*(.+)$/m)?.[1].trim();
  const expat = stanzas.find((s) => /^License:\s*Expat\s*$/m.test(s.split('\n')[0]));
  if (!copyright || !expat) fail(`${copyrightFile}: could not find the upstream Copyright line and the Expat licence text.`);
  // Debian continuation lines start with a space; a lone "." stands for a blank line.
  const body = expat.split('\n').slice(1).map((l) => l.replace(/^ /, '').trimEnd()).map((l) => (l === '.' ? '' : l));
  while (body.length && body[body.length - 1] === '') body.pop();
  return [
    'MIT License (Expat)',
    '',
    `Copyright ${copyright}`,
    '',
    ...body,
    '',
    '---',
    'The files in this folder are a subset of Fashion-MNIST (https://github.com/zalandoresearch/fashion-mnist):',
    `the first ${TRAIN_COUNT} training and first ${TEST_COUNT} test images and labels, unchanged. The notice above`,
    'is copied from the Debian package dataset-fashion-mnist (/usr/share/doc/dataset-fashion-mnist/copyright).',
    '',
  ].join('\n');
}

function classCounts(labels: Uint8Array): number[] {
  const counts = new Array<number>(FASHION_MNIST_CLASS_NAMES.length).fill(0);
  for (const l of labels) counts[l]++;
  return counts;
}

function gz(bytes: Uint8Array): Uint8Array {
  // mtime 0 (and no file name) keeps the output identical from run to run.
  return gzipSync(bytes, { level: 9, mtime: 0 });
}

function main(): void {
  const numClasses = FASHION_MNIST_CLASS_NAMES.length;
  const trainImg = parseIdxImages(readSource('train-images-idx3-ubyte.gz'), 'train-images-idx3-ubyte.gz');
  const trainLab = parseIdxLabels(readSource('train-labels-idx1-ubyte.gz'), 'train-labels-idx1-ubyte.gz', numClasses);
  const testImg = parseIdxImages(readSource('t10k-images-idx3-ubyte.gz'), 't10k-images-idx3-ubyte.gz');
  const testLab = parseIdxLabels(readSource('t10k-labels-idx1-ubyte.gz'), 't10k-labels-idx1-ubyte.gz', numClasses);
  if (trainImg.count < TRAIN_COUNT || testImg.count < TEST_COUNT) {
    fail(`the source holds ${trainImg.count} train and ${testImg.count} test images; need ${TRAIN_COUNT} and ${TEST_COUNT}.`);
  }
  const px = trainImg.height * trainImg.width;
  const train = { images: trainImg.images.slice(0, TRAIN_COUNT * px), labels: trainLab.slice(0, TRAIN_COUNT) };
  const test = { images: testImg.images.slice(0, TEST_COUNT * px), labels: testLab.slice(0, TEST_COUNT) };

  const counts = { train: classCounts(train.labels), test: classCounts(test.labels) };
  for (const split of ['train', 'test'] as const) {
    console.log(`${split} per class:`);
    counts[split].forEach((n, c) => console.log(`  ${String(c).padStart(2)} ${FASHION_MNIST_CLASS_NAMES[c].padEnd(12)} ${n}`));
    const missing = counts[split].flatMap((n, c) => (n === 0 ? [FASHION_MNIST_CLASS_NAMES[c]] : []));
    if (missing.length) fail(`the ${split} subset has no images of: ${missing.join(', ')}`);
  }

  const meta: EmbeddedMeta = {
    name: 'Fashion-MNIST (subset)',
    classNames: FASHION_MNIST_CLASS_NAMES,
    source: `Fashion-MNIST by Zalando Research (https://github.com/zalandoresearch/fashion-mnist): the first ${TRAIN_COUNT.toLocaleString('en')} training and first ${TEST_COUNT.toLocaleString('en')} test images, from the Debian package dataset-fashion-mnist.`,
    license: 'MIT License, Copyright 2017 Zalando SE.',
    height: trainImg.height,
    width: trainImg.width,
    counts: { train: TRAIN_COUNT, test: TEST_COUNT },
    classCounts: counts,
  };

  const files: [string, Uint8Array][] = [
    [EMBEDDED_FILES.trainImages, gz(encodeIdxImages(train.images, TRAIN_COUNT, trainImg.height, trainImg.width))],
    [EMBEDDED_FILES.trainLabels, gz(encodeIdxLabels(train.labels))],
    [EMBEDDED_FILES.testImages, gz(encodeIdxImages(test.images, TEST_COUNT, testImg.height, testImg.width))],
    [EMBEDDED_FILES.testLabels, gz(encodeIdxLabels(test.labels))],
    [EMBEDDED_FILES.meta, new TextEncoder().encode(JSON.stringify(meta, null, 2) + '\n')],
    [EMBEDDED_FILES.license, new TextEncoder().encode(licenseText())],
  ];
  const total = files.reduce((n, [, b]) => n + b.length, 0);
  if (total > MAX_TOTAL_BYTES) fail(`the subset is ${total} bytes, over the ${MAX_TOTAL_BYTES}-byte budget`);
  mkdirSync(outDir, { recursive: true });
  for (const [name, bytes] of files) {
    writeFileSync(join(outDir, name), bytes);
    console.log(`${String(bytes.length).padStart(9)}  ${join(outDir, name)}`);
  }
  console.log(`${String(total).padStart(9)}  total (${(total / 1024 / 1024).toFixed(2)} MiB)`);
}

main();
