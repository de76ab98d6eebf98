// Gunzip in chunks, with progress and a size check before inflating. fflate's streaming
// Gunzip does not check the trailer, so we check size and CRC-32 as data/gzip.ts does.
import { Gunzip } from 'fflate';
import { crc32, isGzip } from '../data/gzip';
import { ImportError } from './errors';

const HINT = 'The gzip file is truncated or corrupt: download it again (the download may have stopped early).';
const CHUNK = 1 << 20;

/** The uncompressed size stored in the gzip trailer (mod 2^32), or null if not gzip. */
export function gzipDeclaredSize(bytes: Uint8Array): number | null {
  if (!isGzip(bytes) || bytes.length < 18) return null;
  const n = bytes.length;
  return (bytes[n - 4] | (bytes[n - 3] << 8) | (bytes[n - 2] << 16) | (bytes[n - 1] << 24)) >>> 0;
}

/**
 * The trailer's uncompressed size, checked for plausibility: deflate expands at most ~1032:1, so
 * a larger size means the trailer is not a trailer (the file was cut short).
 */
export function gzipPlausibleSize(bytes: Uint8Array, file: string): number {
  const n = bytes.length;
  const declared = gzipDeclaredSize(bytes);
  const bound = (n - 18) * 1032 + 1024;
  if (declared === null || declared > bound) {
    throw new ImportError('truncated', {
      file, expected: declared === null ? 'a gzip stream of at least 18 bytes (header and trailer)' : `an uncompressed size of at most ${bound} bytes in the gzip trailer`,
      found: declared === null ? `${n} bytes` : `${declared} bytes`, offset: Math.max(0, n - 4), hint: HINT,
    });
  }
  return declared;
}

export interface GunzipProgress {
  (done: number, total: number): void;
}

/**
 * Inflates `bytes` (which must start with the gzip magic) in 1 MiB input chunks, calling
 * `onProgress(compressedBytesDone, compressedTotal)` after each. Checks the trailer's size and
 * CRC-32. A truncated or corrupt stream throws ImportError('truncated').
 */
export function gunzipWithProgress(bytes: Uint8Array, file: string, onProgress?: GunzipProgress, checkAbort?: () => void): Uint8Array {
  const n = bytes.length;
  if (n < 18) {
    throw new ImportError('truncated', { file, expected: 'a gzip stream of at least 18 bytes (header and trailer)', found: `${n} bytes`, offset: n, hint: HINT });
  }
  const parts: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  const g = new Gunzip((chunk, final) => {
    parts.push(chunk);
    total += chunk.length;
    if (final) ended = true;
  });
  let at = 0;
  try {
    while (at < n) {
      checkAbort?.();
      const end = Math.min(n, at + CHUNK);
      g.push(bytes.subarray(at, end), end === n);
      at = end;
      onProgress?.(at, n);
    }
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError('truncated', {
      file, expected: 'a complete deflate stream', found: `a decoding error (${(e as Error).message}) after ${total} inflated bytes`,
      offset: at, hint: HINT,
    });
  }
  if (!ended) {
    throw new ImportError('truncated', { file, expected: 'the end of the deflate stream', found: 'the end of the file', offset: n, hint: HINT });
  }
  const out = parts.length === 1 ? parts[0] : new Uint8Array(total);
  if (parts.length > 1) {
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
  }
  const declared = gzipDeclaredSize(bytes)!;
  if ((out.length >>> 0) !== declared) {
    throw new ImportError('truncated', { file, expected: `${declared} uncompressed bytes (gzip trailer)`, found: `${out.length} bytes`, offset: n - 4, hint: HINT });
  }
  const trailerCrc = (bytes[n - 8] | (bytes[n - 7] << 8) | (bytes[n - 6] << 16) | (bytes[n - 5] << 24)) >>> 0;
  const crc = crc32(out);
  if (crc !== trailerCrc) {
    throw new ImportError('truncated', {
      file, expected: `CRC-32 ${trailerCrc.toString(16).padStart(8, '0')} (gzip trailer)`, found: `CRC-32 ${crc.toString(16).padStart(8, '0')} of the inflated data`,
      offset: n - 8, hint: HINT,
    });
  }
  return out;
}
