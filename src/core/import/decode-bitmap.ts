// The browser's image decoder for import, for a Web Worker (or page): createImageBitmap decodes
// PNG, JPEG, GIF, BMP and WebP off the main thread; an OffscreenCanvas reads the pixels back.
// Not run in Node (no createImageBitmap there): Node tests inject src/node/decode-png.ts.
import type { DecodedImage } from './image';

const MIME: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', bmp: 'image/bmp', webp: 'image/webp' };

export async function decodeImageWithBitmap(bytes: Uint8Array, name: string): Promise<DecodedImage> {
  const g = globalThis as unknown as { createImageBitmap?: typeof createImageBitmap; OffscreenCanvas?: typeof OffscreenCanvas };
  if (!g.createImageBitmap || !g.OffscreenCanvas) throw new Error('this environment has no createImageBitmap/OffscreenCanvas');
  const type = MIME[name.toLowerCase().split('.').pop() ?? ''] ?? '';
  const bitmap = await g.createImageBitmap(new Blob([bytes as BlobPart], { type }), { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  try {
    const canvas = new g.OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('no 2d context on OffscreenCanvas');
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    return { width: bitmap.width, height: bitmap.height, rgba: data };
  } finally {
    bitmap.close();
  }
}
