// Images from a zip: decoding is injected (the browser worker uses createImageBitmap +
// OffscreenCanvas, Node tests a pure-JS PNG decoder), then every image is brought to one size
// and one channel count.
//
// Choices (documented for the UI):
// - Size: `imageSize` when given, else 32×32. The networks pool twice, so H and W must be
//   multiples of 4; 32×32 matches CIFAR and keeps training fast in a browser.
// - Resampling: area averaging (each output pixel is the coverage-weighted mean of the source
//   pixels under it), separable in x and y. It is exact for integer downscales and
//   anti-aliased for any other; upscaling replicates pixels smoothly.
// - Channels: 1 (grayscale) when every decoded image is gray (R = G = B everywhere), else 3 (RGB).
// - Alpha: composited over black (premultiplied), so transparent backgrounds become 0 like
//   MNIST's.

export interface DecodedImage {
  width: number;
  height: number;
  /** width·height·4 bytes, RGBA, row-major. */
  rgba: Uint8Array | Uint8ClampedArray;
}

export type DecodeImage = (bytes: Uint8Array, name: string) => Promise<DecodedImage>;

export const DEFAULT_IMAGE_SIZE = 32;

export const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'gif', 'bmp', 'webp'];

export function isImageName(name: string): boolean {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  return IMAGE_EXTENSIONS.includes(ext);
}

/** True when every pixel has R = G = B. */
export function isGray(img: DecodedImage): boolean {
  const p = img.rgba;
  for (let i = 0; i < p.length; i += 4) if (p[i] !== p[i + 1] || p[i] !== p[i + 2]) return false;
  return true;
}

/** Weights of source indices for each output index along one axis (area averaging). */
function axisWeights(src: number, dst: number): { start: number; w: Float64Array }[] {
  const scale = src / dst;
  const out: { start: number; w: Float64Array }[] = [];
  for (let o = 0; o < dst; o++) {
    const a = o * scale;
    const b = (o + 1) * scale;
    const start = Math.floor(a);
    const end = Math.min(src, Math.ceil(b));
    const w = new Float64Array(end - start);
    for (let i = start; i < end; i++) w[i - start] = (Math.min(b, i + 1) - Math.max(a, i)) / scale;
    out.push({ start, w });
  }
  return out;
}

/**
 * Resizes one decoded image to `height`×`width`×`channels` (1: mean of R, G, B; 3: RGB), alpha
 * composited over black, and writes it into `out` at `offset` (HWC uint8).
 */
export function resizeInto(img: DecodedImage, height: number, width: number, channels: 1 | 3, out: Uint8Array, offset: number): void {
  const { width: sw, height: sh, rgba } = img;
  // Premultiplied channels as floats, one pass.
  const n = sw * sh;
  const src = new Float32Array(n * channels);
  for (let i = 0; i < n; i++) {
    const a = rgba[4 * i + 3] / 255;
    if (channels === 1) src[i] = ((rgba[4 * i] + rgba[4 * i + 1] + rgba[4 * i + 2]) / 3) * a;
    else {
      src[3 * i] = rgba[4 * i] * a;
      src[3 * i + 1] = rgba[4 * i + 1] * a;
      src[3 * i + 2] = rgba[4 * i + 2] * a;
    }
  }
  const wx = axisWeights(sw, width);
  const wy = axisWeights(sh, height);
  // Horizontal pass: sh rows × width.
  const tmp = new Float32Array(sh * width * channels);
  for (let y = 0; y < sh; y++) {
    for (let x = 0; x < width; x++) {
      const { start, w } = wx[x];
      for (let c = 0; c < channels; c++) {
        let s = 0;
        for (let k = 0; k < w.length; k++) s += w[k] * src[(y * sw + start + k) * channels + c];
        tmp[(y * width + x) * channels + c] = s;
      }
    }
  }
  for (let y = 0; y < height; y++) {
    const { start, w } = wy[y];
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        let s = 0;
        for (let k = 0; k < w.length; k++) s += w[k] * tmp[((start + k) * width + x) * channels + c];
        out[offset + (y * width + x) * channels + c] = Math.max(0, Math.min(255, Math.round(s)));
      }
    }
  }
}
