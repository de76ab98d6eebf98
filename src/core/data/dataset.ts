/** An image classification dataset held as uint8 pixels in NHWC layout. */
export interface Split {
  /** N·H·W·C bytes, NHWC. */
  images: Uint8Array;
  /** One class index per image. */
  labels: Uint8Array;
  count: number;
}

export interface Dataset {
  name: string;
  height: number;
  width: number;
  channels: number;
  classNames: string[];
  train: Split;
  test: Split;
  /** Where the data came from and under which licence, shown beside it. */
  source: string;
  license: string;
}

export function imageSize(d: Pick<Dataset, 'height' | 'width' | 'channels'>): number {
  return d.height * d.width * d.channels;
}

/** The first `train` and `test` examples of each split, as views (no copy). */
export function headOf(d: Dataset, train: number, test: number): Dataset {
  const size = imageSize(d);
  const head = (s: Split, n: number): Split => {
    const k = Math.min(n, s.count);
    return { images: s.images.subarray(0, k * size), labels: s.labels.subarray(0, k), count: k };
  };
  return { ...d, train: head(d.train, train), test: head(d.test, test) };
}
