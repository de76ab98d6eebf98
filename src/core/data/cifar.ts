// CIFAR binary records (https://www.cs.toronto.edu/~kriz/cifar.html): CIFAR-10 stores 1 label
// byte + 3072 pixel bytes, CIFAR-100 2 label bytes (coarse, fine) + 3072. The pixels are planar
// (1024 R, then G, then B, each 32×32 row-major); the lab works in NHWC, so we interleave.
import type { Dataset, Split } from './dataset';
import { DataFormatError } from './errors';
import { isGzip, maybeGunzip } from './gzip';

export type CifarKind = 'cifar10' | 'cifar100';

export const CIFAR_SIDE = 32;
const PLANE = CIFAR_SIDE * CIFAR_SIDE;
const PIXELS = 3 * PLANE;

export const CIFAR10_CLASS_NAMES = [
  'airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck',
];

/** Fine labels, in the order of fine_label_names in the official CIFAR-100 meta file. */
export const CIFAR100_CLASS_NAMES = [
  'apple', 'aquarium_fish', 'baby', 'bear', 'beaver', 'bed', 'bee', 'beetle', 'bicycle', 'bottle',
  'bowl', 'boy', 'bridge', 'bus', 'butterfly', 'camel', 'can', 'castle', 'caterpillar', 'cattle',
  'chair', 'chimpanzee', 'clock', 'cloud', 'cockroach', 'couch', 'crab', 'crocodile', 'cup', 'dinosaur',
  'dolphin', 'elephant', 'flatfish', 'forest', 'fox', 'girl', 'hamster', 'house', 'kangaroo', 'keyboard',
  'lamp', 'lawn_mower', 'leopard', 'lion', 'lizard', 'lobster', 'man', 'maple_tree', 'motorcycle', 'mountain',
  'mouse', 'mushroom', 'oak_tree', 'orange', 'orchid', 'otter', 'palm_tree', 'pear', 'pickup_truck', 'pine_tree',
  'plain', 'plate', 'poppy', 'porcupine', 'possum', 'rabbit', 'raccoon', 'ray', 'road', 'rocket',
  'rose', 'sea', 'seal', 'shark', 'shrew', 'skunk', 'skyscraper', 'snail', 'snake', 'spider',
  'squirrel', 'streetcar', 'sunflower', 'sweet_pepper', 'table', 'tank', 'telephone', 'television', 'tiger', 'tractor',
  'train', 'trout', 'tulip', 'turtle', 'wardrobe', 'whale', 'willow_tree', 'wolf', 'woman', 'worm',
];

/** Coarse labels (superclasses), in the order of coarse_label_names in the CIFAR-100 meta file. */
export const CIFAR100_COARSE_CLASS_NAMES = [
  'aquatic_mammals', 'fish', 'flowers', 'food_containers', 'fruit_and_vegetables',
  'household_electrical_devices', 'household_furniture', 'insects', 'large_carnivores',
  'large_man-made_outdoor_things', 'large_natural_outdoor_scenes', 'large_omnivores_and_herbivores',
  'medium_mammals', 'non-insect_invertebrates', 'people', 'reptiles', 'small_mammals', 'trees',
  'vehicles_1', 'vehicles_2',
];

export function cifarRecordSize(kind: CifarKind): number {
  return (kind === 'cifar10' ? 1 : 2) + PIXELS;
}

export interface CifarRecords {
  count: number;
  /** count·32·32·3 bytes, NHWC. */
  images: Uint8Array;
  /** CIFAR-10 labels, or CIFAR-100 fine labels. */
  labels: Uint8Array;
  /** CIFAR-100 only: coarse (superclass) labels. */
  coarseLabels?: Uint8Array;
}

function hintFor(kind: CifarKind): string {
  return kind === 'cifar10'
    ? 'Check that this is a CIFAR-10 binary file (data_batch_N.bin or test_batch.bin from cifar-10-binary.tar.gz).'
    : 'Check that this is a CIFAR-100 binary file (train.bin or test.bin from cifar-100-binary.tar.gz).';
}

export function parseCifarBin(raw: Uint8Array, file: string, kind: CifarKind): CifarRecords {
  const decompressed = isGzip(raw);
  const bytes = maybeGunzip(raw, file);
  const rec = cifarRecordSize(kind);
  const labelBytes = rec - PIXELS;
  const hint = hintFor(kind);
  const partial = bytes.length % rec;
  if (bytes.length === 0 || partial !== 0) {
    const whole = bytes.length - partial;
    throw new DataFormatError({
      file, decompressed, hint,
      expected: `a whole number of ${rec}-byte ${kind === 'cifar10' ? 'CIFAR-10' : 'CIFAR-100'} records (at least one)`,
      found: bytes.length === 0 ? 'an empty file' : `${bytes.length} bytes (${whole / rec} whole records, then a partial record of ${partial} bytes starting)`,
      offset: whole,
    });
  }
  const count = bytes.length / rec;
  const images = new Uint8Array(count * PIXELS);
  const labels = new Uint8Array(count);
  const coarseLabels = kind === 'cifar100' ? new Uint8Array(count) : undefined;
  const fineClasses = kind === 'cifar10' ? 10 : 100;
  const badLabel = (offset: number, value: number, n: number, what: string): never => {
    throw new DataFormatError({
      file, decompressed, hint, offset, found: `${value}`,
      expected: `a ${what} label in 0..${n - 1} for record ${Math.floor(offset / rec)}`,
    });
  };
  for (let r = 0; r < count; r++) {
    const base = r * rec;
    if (coarseLabels) {
      const coarse = bytes[base];
      if (coarse >= 20) badLabel(base, coarse, 20, 'coarse');
      coarseLabels[r] = coarse;
    }
    const fine = bytes[base + labelBytes - 1];
    if (fine >= fineClasses) badLabel(base + labelBytes - 1, fine, fineClasses, kind === 'cifar10' ? 'class' : 'fine');
    labels[r] = fine;
    // Planar → interleaved: three read streams, one write stream.
    const p = base + labelBytes;
    let o = r * PIXELS;
    for (let i = 0; i < PLANE; i++) {
      images[o] = bytes[p + i];
      images[o + 1] = bytes[p + PLANE + i];
      images[o + 2] = bytes[p + 2 * PLANE + i];
      o += 3;
    }
  }
  return { count, images, labels, coarseLabels };
}

/** Writes CIFAR binary records from NHWC images (for fixtures and for re-packing subsets). */
export function encodeCifarBin(
  images: Uint8Array, labels: Uint8Array, kind: CifarKind, coarseLabels?: Uint8Array,
): Uint8Array {
  const count = labels.length;
  if (images.length !== count * PIXELS) throw new Error(`encodeCifarBin: ${images.length} bytes is not ${count}×32×32×3`);
  if (kind === 'cifar100' && (!coarseLabels || coarseLabels.length !== count)) {
    throw new Error('encodeCifarBin: CIFAR-100 needs one coarse label per image');
  }
  const rec = cifarRecordSize(kind);
  const labelBytes = rec - PIXELS;
  const out = new Uint8Array(count * rec);
  for (let r = 0; r < count; r++) {
    const base = r * rec;
    if (kind === 'cifar100') out[base] = coarseLabels![r];
    out[base + labelBytes - 1] = labels[r];
    const p = base + labelBytes;
    let s = r * PIXELS;
    for (let i = 0; i < PLANE; i++) {
      out[p + i] = images[s];
      out[p + PLANE + i] = images[s + 1];
      out[p + 2 * PLANE + i] = images[s + 2];
      s += 3;
    }
  }
  return out;
}

function concat(parts: CifarRecords[]): Split {
  const count = parts.reduce((n, p) => n + p.count, 0);
  const images = new Uint8Array(count * PIXELS);
  const labels = new Uint8Array(count);
  let at = 0;
  for (const p of parts) {
    images.set(p.images, at * PIXELS);
    labels.set(p.labels, at);
    at += p.count;
  }
  return { images, labels, count };
}

/** Joins parsed CIFAR files (e.g. data_batch_1..5 and test_batch) into a Dataset. */
export function cifarToDataset(
  kind: CifarKind, train: CifarRecords[], test: CifarRecords[], source: string, license: string,
): Dataset {
  return {
    name: kind === 'cifar10' ? 'CIFAR-10' : 'CIFAR-100',
    height: CIFAR_SIDE,
    width: CIFAR_SIDE,
    channels: 3,
    classNames: kind === 'cifar10' ? CIFAR10_CLASS_NAMES : CIFAR100_CLASS_NAMES,
    train: concat(train),
    test: concat(test),
    source,
    license,
  };
}
