// The one gzip path, for the embedded loader and the importer alike. Data files may arrive
// gzipped (from disk) or already inflated (a static server that sends .gz files with
// Content-Encoding: gzip), so callers look at the bytes, not the name. zlib (pako) reads the
// header, inflates and checks the trailer (CRC-32, size mod 2³²) for every caller; inflation
// stops once the output passes a limit, whatever the trailer says (inflate.ts), so a gzip bomb
// costs milliseconds, not gigabytes.
import { DataFormatError, type DataFormatErrorInit } from './errors';
import { inflateBounded } from './inflate';

const HINT_GZ = 'The gzip stream is corrupt or truncated: download the file again.';
const HINT_BIG = 'The file inflates to more than memory allows: it is damaged or a decompression bomb. If it is a real dataset, use a smaller part of it.';
/** How far past the size its trailer states a file is inflated, to tell a wrong trailer from a bomb. */
export const PAST_STATED = 1 << 20;
/** The most a gzip file may inflate to when the caller sets no limit. */
export const DEFAULT_GUNZIP_LIMIT = 2 ** 30;

/** Why inflating failed: bad data ('corrupt'), data cut short ('truncated'), or over the limit. */
export type GzipFailure = 'corrupt' | 'truncated' | 'too-large';

/** A gzip stream that cannot be inflated. Callers map `reason` (the importer to its own codes). */
export class GzipError extends DataFormatError {
  readonly reason: GzipFailure;
  /** Output bytes produced before inflating stopped. */
  readonly produced: number;

  constructor(reason: GzipFailure, init: DataFormatErrorInit, produced = 0) {
    super(init);
    this.name = 'GzipError';
    this.reason = reason;
    this.produced = produced;
  }
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function u32le(b: Uint8Array, at: number): number {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
}

/**
 * The trailer: CRC-32 and uncompressed size mod 2³², as stated. Throws GzipError('truncated')
 * when the file is too short for one, or states a size deflate cannot reach from its length.
 */
export function gzipTrailer(bytes: Uint8Array, file: string): { size: number; crc: number } {
  const n = bytes.length;
  // 10-byte header + 8-byte trailer is the least a gzip file can hold.
  if (n < 18) throw failure('truncated', file, { expected: 'a gzip stream of at least 18 bytes (header and trailer)', found: `${n} bytes`, offset: n });
  const size = u32le(bytes, n - 4);
  // In a file cut short the "trailer" is data: a size deflate cannot reach gives it away.
  const plausible = (n - 18) * 1032 + 1024;
  if (size > plausible) {
    throw failure('truncated', file, { expected: `an uncompressed size of at most ${plausible} bytes in the gzip trailer`, found: `${size} bytes`, offset: n - 4 });
  }
  return { size, crc: u32le(bytes, n - 8) };
}

function failure(reason: GzipFailure, file: string, init: Omit<DataFormatErrorInit, 'file' | 'hint'>, produced = 0): GzipError {
  return new GzipError(reason, { file, hint: reason === 'too-large' ? HINT_BIG : HINT_GZ, ...init }, produced);
}

export interface GunzipOptions {
  /** Stop once the output passes this many bytes (default DEFAULT_GUNZIP_LIMIT). */
  limit?: number;
  /** After each step of output (256 KiB): output bytes so far, input bytes read, input size. */
  onProgress?: (produced: number, consumed: number, total: number) => void;
  checkAbort?: () => void;
}

/**
 * Inflates a gzip file, checking the trailer (CRC-32, size mod 2³²) and stopping once the output
 * passes `limit`. Throws GzipError naming the file: 'truncated', 'corrupt' or 'too-large'.
 */
export function gunzip(bytes: Uint8Array, file: string, opts: GunzipOptions = {}): Uint8Array {
  const n = bytes.length;
  const limit = opts.limit ?? DEFAULT_GUNZIP_LIMIT;
  const fail = (reason: GzipFailure, init: Omit<DataFormatErrorInit, 'file' | 'hint'>, produced = 0) => failure(reason, file, init, produced);
  const { size: stated, crc: statedCrc } = gzipTrailer(bytes, file);
  // The trailer holds the size mod 2^32: output past it means a true size of stated + k·2^32
  // (k ≥ 1), or a wrong trailer. Unless the limit allows that, count on only a little (to tell a
  // wrong trailer from a bomb): refused either way.
  const wraps = limit >= stated + 2 ** 32;
  const stopAt = wraps ? limit : Math.min(limit, stated + PAST_STATED);
  const r = inflateBounded(bytes, 'gzip', {
    limit: stopAt,
    reserve: stated,
    pastReserve: wraps ? 'keep' : 'count',
    onProgress: opts.onProgress && ((produced, consumed) => opts.onProgress!(produced, consumed, n)),
    checkAbort: opts.checkAbort,
  });
  const from = (produced: number, consumed: number) => `${mb(produced)} from the first ${mb(consumed)} of the file’s ${mb(n)}`;
  switch (r.status) {
    case 'over-limit':
      if (stopAt === limit) {
        throw fail('too-large', { expected: `at most ${mb(limit)} once inflated`, found: `more: ${from(r.produced, r.consumed)}`, offset: r.consumed }, r.produced);
      }
      throw fail('too-large', {
        expected: `at most ${mb(limit)} once inflated`,
        found: `more than the ${mb(stated)} the gzip trailer states (${from(r.produced, r.consumed)}): the trailer holds the size mod 4 GiB, so the data is at least ${mb(stated + 2 ** 32)}, or the trailer is wrong`,
        offset: r.consumed,
      }, r.produced);
    case 'error':
      // zlib checks the trailer: these two messages are its CRC-32 and size checks.
      if (r.message === 'incorrect data check') {
        throw fail('corrupt', { expected: `CRC-32 ${hex8(statedCrc)} (gzip trailer)`, found: `CRC-32 ${hex8(r.check)} of the inflated data`, offset: n - 8 }, r.produced);
      }
      if (r.message === 'incorrect length check') {
        throw fail('corrupt', { expected: `${stated} uncompressed bytes (gzip trailer, mod 2^32)`, found: `${r.produced} bytes`, offset: n - 4 }, r.produced);
      }
      throw fail(r.truncated ? 'truncated' : 'corrupt', {
        expected: 'a complete deflate stream',
        found: r.truncated ? `the end of the file after ${r.produced} inflated bytes` : `a decoding error (${r.message}) after ${r.produced} inflated bytes`, offset: r.consumed,
      }, r.produced);
  }
  if (r.consumed < n) {
    const what = isGzip(bytes.subarray(r.consumed)) ? 'another gzip member (files joined with cat)' : 'other bytes';
    throw fail('corrupt', { expected: 'one gzip member, then the end of the file', found: `${n - r.consumed} more bytes: ${what}`, offset: r.consumed }, r.produced);
  }
  // A guard: zlib's length check (mod 2^32) has refused any other size already.
  if (r.data === null || (r.produced >>> 0) !== stated) {
    throw fail('corrupt', { expected: `${stated} uncompressed bytes (gzip trailer, mod 2^32)`, found: `${r.produced} bytes`, offset: n - 4 }, r.produced);
  }
  return r.data;
}

/** Returns the bytes unchanged unless they start with the gzip magic 1f 8b; then inflates them. */
export function maybeGunzip(bytes: Uint8Array, file: string, opts?: GunzipOptions): Uint8Array {
  return isGzip(bytes) ? gunzip(bytes, file, opts) : bytes;
}

function hex8(v: number): string {
  return v.toString(16).padStart(8, '0');
}

function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}
