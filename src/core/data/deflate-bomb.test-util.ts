// Decompression bombs for tests, built without compressing gigabytes: one byte-aligned deflate
// piece that inflates to 1 MiB of zeros on its own (a sync flush ends it on a byte boundary), then
// that piece repeated. 4 GiB + 1 MiB of zeros take 4.3 MB and a few milliseconds to build.
import { Deflate, deflateSync } from 'fflate';

const MIB = 1 << 20;
let piece: Uint8Array | undefined;

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Deflate of `data` ending on a byte boundary, not final: more blocks may follow. */
function flushed(data: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  const d = new Deflate({ level: 9 }, (c) => parts.push(c));
  d.push(data);
  d.flush(true);
  return concat(parts);
}

/** A non-final stored block: a 3-bit header padded to a byte, LEN, NLEN, then the bytes as they are. */
function stored(data: Uint8Array): Uint8Array {
  if (data.length > 0xffff) throw new Error('stored: at most 65535 bytes');
  const n = data.length;
  return concat([Uint8Array.of(0, n & 0xff, n >> 8, ~n & 0xff, (~n >> 8) & 0xff), data]);
}

/** A raw deflate stream: `prefix` (e.g. a tar header), then `zeroMiB` MiB of zeros, then the end. */
export function deflateBomb(zeroMiB: number, prefix: Uint8Array = new Uint8Array(0)): Uint8Array {
  piece ??= flushed(new Uint8Array(MIB));
  const head = prefix.length ? stored(prefix) : new Uint8Array(0);
  const out = new Uint8Array(head.length + piece.length * zeroMiB + 2);
  out.set(head);
  for (let i = 0; i < zeroMiB; i++) out.set(piece, head.length + i * piece.length);
  out.set([3, 0], out.length - 2); // a final, empty fixed-Huffman block
  return out;
}

/**
 * A gzip file around deflateBomb. The trailer states the true size mod 2³² unless `statedSize`
 * is given; its CRC-32 is 0 (a bomb must be refused before the trailer is read).
 */
export function gzipBomb(zeroMiB: number, prefix: Uint8Array = new Uint8Array(0), statedSize?: number): Uint8Array {
  const body = deflateBomb(zeroMiB, prefix);
  const out = new Uint8Array(10 + body.length + 8);
  out.set([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]);
  out.set(body, 10);
  new DataView(out.buffer).setUint32(out.length - 4, statedSize ?? (prefix.length + zeroMiB * MIB) >>> 0, true);
  return out;
}

/** Raw deflate, for zip entries written by hand. */
export function deflateRaw(data: Uint8Array): Uint8Array {
  return deflateSync(data, { level: 6 });
}
