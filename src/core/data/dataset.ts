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
