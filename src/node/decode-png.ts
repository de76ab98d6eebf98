// A PNG decoder for Node (tests, CLI) with the signature import/ expects. The browser worker
// uses decodeImageWithBitmap (core/import/decode-bitmap.ts) instead.
import { convertIndexedToRgb, decode } from 'fast-png';
import type { DecodedImage } from '../core/import/image';

export async function decodePng(bytes: Uint8Array, name: string): Promise<DecodedImage> {
  const png = decode(bytes);
  const { width, height } = png;
  let data = png.data;
  let channels = png.channels;
  if (png.palette) {
    data = convertIndexedToRgb(png);
    channels = data.length / (width * height);
  }
  const shift = png.depth === 16 ? 8 : 0;
  const n = width * height;
  if (data.length !== n * channels) throw new Error(`${name}: ${data.length} samples for ${width}×${height}×${channels}`);
  const rgba = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    const s = (k: number) => data[i * channels + k] >> shift;
    if (channels <= 2) {
      const g = s(0);
      rgba.set([g, g, g, channels === 2 ? s(1) : 255], 4 * i);
    } else rgba.set([s(0), s(1), s(2), channels === 4 ? s(3) : 255], 4 * i);
  }
  return { width, height, rgba };
}
