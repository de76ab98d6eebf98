// Zip archives: the central directory lists the entries (names, sizes, CRC-32, where each one
// starts), then only the chosen entries are inflated, through inflateBounded: it stops on the
// bytes actually produced, whatever the directory claims. (fflate's unzipSync, used before,
// trusts the directory's sizes: it allocates what an entry claims and silently cuts what goes
// past it, and it does not say where entries start, so the directory walk is ours.)
import CRC32 from 'crc-32';
import { inflateBounded } from '../data/inflate';
import { ImportError } from './errors';

const HINT_TRUNC = 'The zip is truncated or corrupt: download or create it again.';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate. */
  method: number;
  /** Compressed and uncompressed sizes, as the directory states them. */
  compressedSize: number;
  size: number;
  crc: number;
  encrypted: boolean;
  /** Offset of the entry's local header. */
  headerOffset: number;
}

const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32 = (b: Uint8Array, at: number) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
const u64 = (b: Uint8Array, at: number) => u32(b, at) + u32(b, at + 4) * 2 ** 32;

/** Offset of the end-of-central-directory record (PK\x05\x06), or -1. */
function findEocd(b: Uint8Array): number {
  const stop = Math.max(0, b.length - 22 - 0xffff);
  for (let i = b.length - 22; i >= stop; i--) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 5 && b[i + 3] === 6) return i;
  }
  return -1;
}

function truncated(file: string, expected: string, found: string, offset: number): ImportError {
  return new ImportError('truncated', { file, expected, found, offset, hint: HINT_TRUNC });
}

/** The entries of the central directory (zip64 included), without inflating anything. */
export function listZip(bytes: Uint8Array, file: string): ZipEntry[] {
  const eocd = findEocd(bytes);
  if (eocd < 0) throw truncated(file, "the zip's end-of-central-directory record in its last 64 KiB", `none in ${bytes.length} bytes`, bytes.length);
  let count = u16(bytes, eocd + 10);
  let at = u32(bytes, eocd + 16);
  const locator = eocd - 20;
  if (locator >= 0 && u32(bytes, locator) === 0x07064b50) {
    const z = u64(bytes, locator + 8);
    if (z + 56 <= bytes.length && u32(bytes, z) === 0x06064b50) {
      count = u64(bytes, z + 32);
      at = u64(bytes, z + 48);
    }
  }
  const out: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== 0x02014b50) {
      throw truncated(file, `central-directory entry ${i + 1} of ${count}`, 'other bytes', at);
    }
    const flags = u16(bytes, at + 8);
    const nameLen = u16(bytes, at + 28);
    const extraLen = u16(bytes, at + 30);
    const raw = bytes.subarray(at + 46, at + 46 + nameLen);
    const name = entryName(raw, (flags & 0x800) !== 0);
    const e: ZipEntry = {
      name, method: u16(bytes, at + 10), crc: u32(bytes, at + 16), compressedSize: u32(bytes, at + 20), size: u32(bytes, at + 24),
      encrypted: (flags & 1) === 1, headerOffset: u32(bytes, at + 42),
    };
    readZip64Extra(bytes.subarray(at + 46 + nameLen, at + 46 + nameLen + extraLen), e);
    out.push(e);
    at += 46 + nameLen + extraLen + u16(bytes, at + 32);
  }
  return out;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Bit 11 marks UTF-8 names. Without it the format says code page 437, but Info-ZIP and macOS
 * write UTF-8 bytes and leave the bit clear: valid UTF-8 is read as such, anything else as Latin-1.
 */
function entryName(raw: Uint8Array, flaggedUtf8: boolean): string {
  try {
    return utf8.decode(raw);
  } catch {
    return flaggedUtf8 ? new TextDecoder().decode(raw) : String.fromCharCode(...raw);
  }
}

/** Sizes and offset stored as 0xffffffff are in the zip64 extra field (id 1), in this order. */
function readZip64Extra(extra: Uint8Array, e: ZipEntry): void {
  for (let at = 0; at + 4 <= extra.length; at += 4 + u16(extra, at + 2)) {
    if (u16(extra, at) !== 1) continue;
    let p = at + 4;
    for (const key of ['size', 'compressedSize', 'headerOffset'] as const) {
      if (e[key] === 0xffffffff && p + 8 <= extra.length) {
        e[key] = u64(extra, p);
        p += 8;
      }
    }
  }
}

export interface ZipLimits {
  /** Most bytes the chosen entries may inflate to, together. */
  limit: number;
  /** Called when they pass it: the error to throw (the import's memory budget words it). */
  overLimit: (entry: string, produced: number) => Error;
  onProgress?: (produced: number) => void;
  checkAbort?: () => void;
}

/** Inflates `entries` (from listZip), checking each one's size and CRC-32 against the directory. */
export function readZipEntries(bytes: Uint8Array, file: string, entries: ZipEntry[], limits: ZipLimits): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  let produced = 0;
  for (const e of entries) {
    const where = `"${e.name}"`;
    if (e.encrypted) {
      throw new ImportError('format', { file, expected: 'entries without a password', found: `${where} encrypted`, offset: e.headerOffset, hint: 'Create the zip again without a password.' });
    }
    if (e.method !== 0 && e.method !== 8) {
      throw new ImportError('format', { file, expected: `${where} stored or deflated`, found: `compression method ${e.method}`, offset: e.headerOffset, hint: 'Create the zip again with the usual (deflate) compression.' });
    }
    const h = e.headerOffset;
    if (h + 30 > bytes.length || u32(bytes, h) !== 0x04034b50) throw truncated(file, `the local header of ${where}`, 'other bytes', h);
    const start = h + 30 + u16(bytes, h + 26) + u16(bytes, h + 28);
    if (start + e.compressedSize > bytes.length) {
      throw truncated(file, `${e.compressedSize} bytes of data for ${where}`, `only ${Math.max(0, bytes.length - start)} before the end of the zip`, bytes.length);
    }
    const raw = bytes.subarray(start, start + e.compressedSize);
    // A stored entry is a view into the zip: no memory beyond the zip's own.
    if (e.method === 0) {
      out.set(e.name, raw);
      continue;
    }
    limits.checkAbort?.();
    const room = limits.limit - produced;
    const r = inflateBounded(raw, 'raw', {
      limit: room, reserve: e.size, pastReserve: 'count', checkAbort: limits.checkAbort,
      onProgress: limits.onProgress && ((p) => limits.onProgress!(produced + p)),
    });
    if (r.status === 'over-limit') throw limits.overLimit(e.name, produced + r.produced);
    if (r.status === 'error') {
      throw truncated(file, `a complete deflate stream for ${where}`, `${r.truncated ? 'the end of its data' : `a decoding error (${r.message})`} after ${r.produced} inflated bytes`, start + r.consumed);
    }
    if (r.status !== 'ended' || r.data === null || r.produced !== e.size) {
      throw truncated(file, `${e.size} bytes for ${where} (the zip's directory)`, `${r.produced} inflated bytes`, start);
    }
    const crc = CRC32.buf(r.data) >>> 0;
    if (crc !== e.crc) {
      throw truncated(file, `CRC-32 ${e.crc.toString(16).padStart(8, '0')} for ${where} (the zip's directory)`, `CRC-32 ${crc.toString(16).padStart(8, '0')} of the inflated data`, start);
    }
    produced += r.produced;
    out.set(e.name, r.data);
  }
  return out;
}
