// A tar reader for the archives datasets ship as (ustar / GNU / pax, as written by GNU tar,
// bsdtar and Python's tarfile). Returns regular files as views into the archive bytes. Checks
// every header's checksum and that each file's data is all there, so a truncated download is
// named as such, with the entry it cut through.
import { ImportError } from './errors';

export interface TarEntry {
  name: string;
  data: Uint8Array;
  /** Offset of the entry's header in the archive. */
  offset: number;
}

const BLOCK = 512;
const HINT_TRUNC = 'The archive is truncated: download it again (the download may have stopped early).';
const HINT_CORRUPT = 'The archive is corrupt or not a tar file: download it again, or unpack it and import the files inside.';

export function isTar(bytes: Uint8Array): boolean {
  if (bytes.length < BLOCK) return false;
  // "ustar\0" (POSIX) or "ustar " (old GNU) at offset 257.
  const m = String.fromCharCode(...bytes.subarray(257, 262));
  return m === 'ustar' && checksumOk(bytes, 0);
}

function str(b: Uint8Array, at: number, len: number): string {
  let end = at;
  while (end < at + len && b[end] !== 0) end++;
  return new TextDecoder().decode(b.subarray(at, end));
}

function octal(b: Uint8Array, at: number, len: number): number {
  // GNU base-256 for sizes ≥ 8 GiB: high bit of the first byte set.
  if (b[at] & 0x80) {
    let v = b[at] & 0x7f;
    for (let i = 1; i < len; i++) v = v * 256 + b[at + i];
    return v;
  }
  const s = str(b, at, len).trim();
  if (s === '') return 0;
  if (!/^[0-7]+$/.test(s)) return NaN;
  return parseInt(s, 8);
}

function checksumOk(b: Uint8Array, at: number): boolean {
  const want = octal(b, at + 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : b[at + i];
  return sum === want;
}

function isZeroBlock(b: Uint8Array, at: number): boolean {
  for (let i = at; i < at + BLOCK; i++) if (b[i] !== 0) return false;
  return true;
}

/** Paths from a pax extended header ("<len> path=<value>\n" records). */
function paxPath(data: Uint8Array): string | undefined {
  const text = new TextDecoder().decode(data);
  for (const line of text.split('\n')) {
    const m = /^\d+ path=(.*)$/.exec(line);
    if (m) return m[1];
  }
  return undefined;
}

export function readTar(bytes: Uint8Array, file: string, onEntry?: (offset: number) => void): TarEntry[] {
  const out: TarEntry[] = [];
  let at = 0;
  let longName: string | undefined;
  while (at < bytes.length) {
    if (bytes.length - at < BLOCK) {
      throw new ImportError('truncated', { file, expected: `a ${BLOCK}-byte tar header`, found: `only ${bytes.length - at} bytes`, offset: at, hint: HINT_TRUNC });
    }
    if (isZeroBlock(bytes, at)) break; // end-of-archive marker (a second zero block may follow)
    if (!checksumOk(bytes, at)) {
      throw new ImportError('format', { file, expected: 'a tar header with a valid checksum', found: 'a header whose checksum does not match', offset: at, hint: HINT_CORRUPT });
    }
    const size = octal(bytes, at + 124, 12);
    if (!Number.isFinite(size)) {
      throw new ImportError('format', { file, expected: 'an octal file size in the tar header', found: JSON.stringify(str(bytes, at + 124, 12)), offset: at + 124, hint: HINT_CORRUPT });
    }
    const type = String.fromCharCode(bytes[at + 156] || 0x30);
    const prefix = str(bytes, at + 345, 155);
    const base = str(bytes, at, 100);
    const name = longName ?? (prefix ? `${prefix}/${base}` : base);
    const dataAt = at + BLOCK;
    if (dataAt + size > bytes.length) {
      throw new ImportError('truncated', {
        file, expected: `${size} bytes of data for "${name}"`, found: `only ${bytes.length - dataAt} bytes before the end of the archive`,
        offset: bytes.length, hint: HINT_TRUNC,
      });
    }
    const data = bytes.subarray(dataAt, dataAt + size);
    if (type === 'L') {
      longName = str(data, 0, data.length);
    } else if (type === 'x') {
      longName = paxPath(data) ?? longName;
    } else {
      if (type === '0' || type === '7') out.push({ name, data, offset: at });
      longName = undefined;
    }
    at = dataAt + Math.ceil(size / BLOCK) * BLOCK;
    onEntry?.(at);
  }
  return out;
}

/** Writes a minimal ustar archive (fixtures, and re-packing). */
export function writeTar(files: { name: string; data: Uint8Array }[]): Uint8Array {
  const blocks = files.reduce((n, f) => n + 1 + Math.ceil(f.data.length / BLOCK), 2);
  const out = new Uint8Array(blocks * BLOCK);
  const enc = new TextEncoder();
  let at = 0;
  const put = (s: string, off: number, len: number) => out.set(enc.encode(s).subarray(0, len), at + off);
  for (const f of files) {
    if (enc.encode(f.name).length > 100) throw new Error(`writeTar: name longer than 100 bytes: ${f.name}`);
    put(f.name, 0, 100);
    put('0000644\0', 100, 8);
    put('0000000\0', 108, 8);
    put('0000000\0', 116, 8);
    put(f.data.length.toString(8).padStart(11, '0') + '\0', 124, 12);
    put('00000000000\0', 136, 12);
    put('0', 156, 1);
    put('ustar\0' + '00', 257, 8);
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : out[at + i];
    put(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8);
    out.set(f.data, at + BLOCK);
    at += BLOCK + Math.ceil(f.data.length / BLOCK) * BLOCK;
  }
  return out;
}
