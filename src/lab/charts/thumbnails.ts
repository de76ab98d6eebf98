// Probe thumbnails: decoded once per (re)start into data URLs, so the gallery is plain <img>s.
import type { ProbeInfo } from '../contract';

const cache = new WeakMap<Uint8Array, string[]>();

export function thumbnailUrls(p: ProbeInfo): string[] {
  const hit = cache.get(p.thumbnails);
  if (hit) return hit;
  const [h, w, c] = p.shape;
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d')!;
  const urls: string[] = [];
  const size = h * w * c;
  for (let k = 0; k < p.indices.length; k++) {
    const img = ctx.createImageData(w, h);
    for (let i = 0; i < h * w; i++) {
      const o = k * size + i * c;
      // Fashion-MNIST is white-on-black; show it as is.
      img.data[i * 4] = p.thumbnails[o];
      img.data[i * 4 + 1] = p.thumbnails[o + (c > 1 ? 1 : 0)];
      img.data[i * 4 + 2] = p.thumbnails[o + (c > 2 ? 2 : 0)];
      img.data[i * 4 + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
    urls.push(canvas.toDataURL());
  }
  cache.set(p.thumbnails, urls);
  return urls;
}
