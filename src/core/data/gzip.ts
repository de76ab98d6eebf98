// Transparent gunzip: data files may arrive gzipped (from disk) or already inflated (a static
// server that sends .gz files with Content-Encoding: gzip), so we look at the bytes, not the name.
import { gunzipSync } from 'fflate';
import { DataFormatError } from './errors';

const HINT_GZ = 'The gzip stream is corrupt or truncated: download the file again.';

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

let crcTable: Int32Array | undefined;

/** CRC-32 (IEEE), as stored in the gzip trailer; fflate's gunzipSync does not check it. */
export function crc32(bytes: Uint8Array): number {
  let table = crcTable;
  if (!table) {
    table = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c;
    }
    crcTable = table;
  }
  let crc = -1;
  for (let i = 0; i < bytes.length; i++) crc = table[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

/** Returns the bytes unchanged unless they start with the gzip magic 1f 8b; then inflates them. */
export function maybeGunzip(bytes: Uint8Array, file: string): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  // 10-byte header + 8-byte trailer (CRC-32, size mod 2^32) is the least a gzip file can hold.
  if (bytes.length < 18) {
    throw new DataFormatError({
      file, expected: 'a gzip stream of at least 18 bytes (header and trailer)',
      found: `${bytes.length} bytes`, offset: bytes.length, hint: HINT_GZ,
    });
  }
  const n = bytes.length;
  const trailerCrc = (bytes[n - 8] | (bytes[n - 7] << 8) | (bytes[n - 6] << 16) | (bytes[n - 5] << 24)) >>> 0;
  const trailerSize = (bytes[n - 4] | (bytes[n - 3] << 8) | (bytes[n - 2] << 16) | (bytes[n - 1] << 24)) >>> 0;
  // gunzipSync allocates the trailer's size up front; in a truncated file that field is random
  // and could ask for gigabytes. Deflate cannot expand by more than ~1032:1, so bound it.
  if (trailerSize > (n - 18) * 1032 + 1024) {
    throw new DataFormatError({
      file, expected: `an uncompressed size of at most ${(n - 18) * 1032 + 1024} bytes in the gzip trailer`,
      found: `${trailerSize} bytes`, offset: n - 4, hint: HINT_GZ,
    });
  }
  let out: Uint8Array;
  try {
    out = gunzipSync(bytes);
  } catch (e) {
    throw new DataFormatError({
      file, expected: 'a complete deflate stream', found: `a decoding error (${(e as Error).message})`,
      offset: n, hint: HINT_GZ,
    });
  }
  if (out.length !== trailerSize) {
    throw new DataFormatError({
      file, expected: `${trailerSize} uncompressed bytes (gzip trailer)`, found: `${out.length} bytes`,
      offset: n - 4, hint: HINT_GZ,
    });
  }
  const crc = crc32(out);
  if (crc !== trailerCrc) {
    throw new DataFormatError({
      file, expected: `CRC-32 ${trailerCrc.toString(16).padStart(8, '0')} (gzip trailer)`,
      found: `CRC-32 ${crc.toString(16).padStart(8, '0')} of the inflated data`, offset: n - 8, hint: HINT_GZ,
    });
  }
  return out;
}
