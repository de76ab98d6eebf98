// The default dataset that ships with the lab: a Fashion-MNIST subset committed under
// public/data/fashion-mnist/ (made by scripts/make-dataset.ts). The loader takes a reader so the
// same code runs in Node (fs) and in the browser (fetch).
import type { Dataset } from './dataset';
import { DataFormatError } from './errors';
import { idxToDataset } from './idx';

export const EMBEDDED_DIR = 'data/fashion-mnist';

export const EMBEDDED_FILES = {
  trainImages: 'train-images-idx3-ubyte.gz',
  trainLabels: 'train-labels-idx1-ubyte.gz',
  testImages: 't10k-images-idx3-ubyte.gz',
  testLabels: 't10k-labels-idx1-ubyte.gz',
  meta: 'meta.json',
  license: 'LICENSE',
} as const;

export const FASHION_MNIST_CLASS_NAMES = [
  'T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot',
];

/** Contents of meta.json. */
export interface EmbeddedMeta {
  name: string;
  classNames: string[];
  /** Origin of the data, shown beside it. */
  source: string;
  /** One-line licence summary; the full text is in LICENSE. */
  license: string;
  height: number;
  width: number;
  counts: { train: number; test: number };
  classCounts: { train: number[]; test: number[] };
}

export type ReadFile = (relPath: string) => Promise<Uint8Array>;

/** A reader that fetches files relative to a base URL (e.g. `${import.meta.env.BASE_URL}data/fashion-mnist/`). */
export function fetchReader(baseUrl: string): ReadFile {
  const base = baseUrl.endsWith('/') ? baseUrl : baseUrl + '/';
  return async (rel) => {
    const res = await fetch(base + rel);
    if (!res.ok) throw new Error(`Could not load ${base + rel}: HTTP ${res.status} ${res.statusText}`);
    return new Uint8Array(await res.arrayBuffer());
  };
}

function parseMeta(bytes: Uint8Array): EmbeddedMeta {
  const file = EMBEDDED_FILES.meta;
  const hint = 'Regenerate it with `npm run make:dataset`.';
  let meta: EmbeddedMeta;
  try {
    meta = JSON.parse(new TextDecoder().decode(bytes)) as EmbeddedMeta;
  } catch (e) {
    throw new DataFormatError({ file, expected: 'JSON', found: `a parse error (${(e as Error).message})`, offset: 0, hint });
  }
  const ok = meta && typeof meta.name === 'string' && Array.isArray(meta.classNames) && meta.classNames.length > 0
    && typeof meta.source === 'string' && typeof meta.license === 'string'
    && meta.counts && Number.isInteger(meta.counts.train) && Number.isInteger(meta.counts.test);
  if (!ok) {
    throw new DataFormatError({
      file, expected: 'an object with name, classNames, source, license and counts {train, test}',
      found: JSON.stringify(meta).slice(0, 120), offset: 0, hint,
    });
  }
  return meta;
}

/** Loads the embedded subset; `read` gets names from EMBEDDED_FILES, relative to the data folder. */
export async function loadEmbeddedDataset(read: ReadFile): Promise<Dataset> {
  const [metaBytes, licenseBytes, trainImages, trainLabels, testImages, testLabels] = await Promise.all([
    read(EMBEDDED_FILES.meta),
    read(EMBEDDED_FILES.license),
    read(EMBEDDED_FILES.trainImages),
    read(EMBEDDED_FILES.trainLabels),
    read(EMBEDDED_FILES.testImages),
    read(EMBEDDED_FILES.testLabels),
  ]);
  const meta = parseMeta(metaBytes);
  // The full licence text travels with the data: MIT asks for the notice with every copy.
  const licenseText = new TextDecoder().decode(licenseBytes).trim();
  const dataset = idxToDataset(
    { trainImages, trainLabels, testImages, testLabels },
    { name: meta.name, classNames: meta.classNames, source: meta.source, license: `${meta.license}\n\n${licenseText}` },
  );
  for (const split of ['train', 'test'] as const) {
    if (dataset[split].count !== meta.counts[split]) {
      throw new DataFormatError({
        file: split === 'train' ? EMBEDDED_FILES.trainImages : EMBEDDED_FILES.testImages,
        expected: `${meta.counts[split]} images (meta.json counts.${split})`, found: `${dataset[split].count}`,
        offset: 4, decompressed: true, hint: 'The data files and meta.json are out of step: regenerate them with `npm run make:dataset`.',
      });
    }
  }
  return dataset;
}
