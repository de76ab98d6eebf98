import { describe, expect, it } from 'vitest';
import { gzipSync } from 'fflate';
import { gzipBomb } from './deflate-bomb.test-util';
import { DataFormatError } from './errors';
import { DEFAULT_GUNZIP_LIMIT, gunzip, GzipError, isGzip, maybeGunzip, PAST_STATED } from './gzip';

const failure = (f: () => unknown): GzipError => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(GzipError);
    return e as GzipError;
  }
  throw new Error('expected a GzipError');
};

describe('maybeGunzip', () => {
  const data = new Uint8Array(5000).map((_, i) => (i * 7) % 251);

  it('passes raw bytes through and inflates gzip', () => {
    expect(maybeGunzip(data, 'x')).toBe(data);
    const gz = gzipSync(data, { mtime: 0 });
    expect(isGzip(gz)).toBe(true);
    expect(maybeGunzip(gz, 'x')).toEqual(data);
  });

  it('inflates a file larger than one input chunk, with a file name in the header', () => {
    let x = 1;
    const big = new Uint8Array(1_500_000).map((_, i) => (i % 3 ? (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24 : 0));
    const gz = gzipSync(big, { mtime: 0, filename: 'big.bin' });
    expect(gz.length).toBeGreaterThan(1 << 18);
    const out = gunzip(gz, 'big.gz');
    expect(out.length).toBe(big.length);
    expect(out.findIndex((v, i) => v !== big[i])).toBe(-1);
  });

  it('rejects truncated gzip with a DataFormatError', () => {
    const gz = gzipSync(data, { mtime: 0 });
    for (const cut of [5, 17, gz.length >> 1, gz.length - 3]) {
      const err = (() => { try { maybeGunzip(gz.subarray(0, cut), 'f.gz'); } catch (e) { return e; } })();
      expect(err, `cut at ${cut}`).toBeInstanceOf(DataFormatError);
      expect((err as Error).message).toMatch(/^f\.gz: expected .* at byte offset \d+\. .*download the file again/);
    }
  });

  it('rejects a deflate stream cut short even when the trailer looks right', () => {
    const gz = gzipSync(data, { mtime: 0 });
    const cut = new Uint8Array(gz.length - 20);
    cut.set(gz.subarray(0, gz.length - 28));
    cut.set(gz.subarray(gz.length - 8), cut.length - 8);
    expect(() => maybeGunzip(cut, 'f.gz')).toThrow(/^f\.gz: expected (a complete deflate stream|the end of the deflate stream|\d+ uncompressed bytes|CRC-32)/);
  });

  it('rejects a corrupt body (CRC or deflate error)', () => {
    const gz = gzipSync(data, { mtime: 0 });
    const bad = gz.slice();
    bad[30] ^= 0xff;
    expect(() => maybeGunzip(bad, 'f.gz')).toThrow(DataFormatError);
    const badCrc = gz.slice();
    badCrc[badCrc.length - 8] ^= 1;
    expect(() => maybeGunzip(badCrc, 'f.gz')).toThrow(/expected CRC-32 .* at byte offset \d+/);
  });

  it('checks the trailer: a wrong CRC-32 or size is refused, naming the file', () => {
    const gz = gzipSync(data, { mtime: 0 });
    const badCrc = gz.slice();
    badCrc[gz.length - 5] ^= 0x40;
    const crc = failure(() => gunzip(badCrc, 'crc.gz'));
    expect(crc.reason).toBe('corrupt');
    expect(crc.message).toMatch(/^crc\.gz: expected CRC-32 [0-9a-f]{8} \(gzip trailer\), found CRC-32 [0-9a-f]{8} of the inflated data/);
    for (const delta of [1, -1, 2 ** 16]) {
      const badSize = gz.slice();
      new DataView(badSize.buffer).setUint32(gz.length - 4, data.length + delta, true);
      const size = failure(() => gunzip(badSize, 'size.gz'));
      expect(size.reason, `size ${data.length + delta}`).toBe('corrupt');
      expect(size.message).toMatch(new RegExp(`^size\\.gz: expected ${data.length + delta} uncompressed bytes \\(gzip trailer, mod 2\\^32\\), found ${data.length} bytes`));
    }
  });

  it('refuses two concatenated gzip members (the trailer would check only the last)', () => {
    const gz = gzipSync(data, { mtime: 0 });
    const two = new Uint8Array(gz.length * 2);
    two.set(gz);
    two.set(gz, gz.length);
    expect(failure(() => gunzip(two, 'cat.gz')).message).toMatch(/^cat\.gz: expected one gzip member, then the end of the file, found \d+ more bytes: another gzip member/);
  });
});

describe('gunzip stops on the bytes it produces, whatever the trailer says', () => {
  // 4 GiB + 1 MiB of zeros: the trailer's size field (mod 2^32) reads 1 MiB.
  const wrapped = gzipBomb(4097);
  // 80 MiB of zeros, the trailer stating so.
  const honest = gzipBomb(80);

  it('refuses a wrapped-trailer gzip bomb as too large, just past the size it states', () => {
    expect(new DataView(wrapped.buffer).getUint32(wrapped.length - 4, true)).toBe(1 << 20);
    const t0 = performance.now();
    const e = failure(() => gunzip(wrapped, 'bomb.gz'));
    const ms = performance.now() - t0;
    console.log(`gzip bomb (4 GiB + 1 MiB of zeros, ${wrapped.length} bytes, trailer 1 MiB) refused in ${ms.toFixed(0)} ms after ${e.produced} bytes (limit ${DEFAULT_GUNZIP_LIMIT})`);
    expect(e.reason).toBe('too-large');
    // zlib writes only where it is given room: a little past the stated 1 MiB (to tell a wrong
    // trailer from a bomb), one byte more, and it stops. Past 1 MiB the true size is 1 MiB + k·4 GiB,
    // past any limit under 4 GiB: no need to go on.
    expect(e.produced).toBe((1 << 20) + PAST_STATED + 1);
    expect(e.produced).toBeLessThanOrEqual(DEFAULT_GUNZIP_LIMIT + 1);
    expect(e.message).toMatch(/^bomb\.gz: expected at most 1024\.0 MiB once inflated, found more than the 1\.0 MiB the gzip trailer states .*so the data is at least 4097\.0 MiB, or the trailer is wrong .*decompression bomb/);
  });

  it('stops a bomb just past the limit, with progress counting the bytes produced', () => {
    const produced: number[] = [];
    const limit = 32 << 20;
    const e = failure(() => gunzip(honest, 'honest.gz', { limit, onProgress: (p) => produced.push(p) }));
    expect(e.reason).toBe('too-large');
    expect(e.produced).toBe(limit + 1);
    expect(e.message).toMatch(/^honest\.gz: expected at most 32\.0 MiB once inflated, found more: 32\.0 MiB from the first 0\.0 MiB of the file’s 0\.1 MiB/);
    // Output, not input: the whole limit is reached from a few kB of the file.
    expect(produced.length).toBeGreaterThanOrEqual(8);
    expect(produced.every((p, i) => i === 0 || p > produced[i - 1])).toBe(true);
    expect(produced.at(-1)).toBe(limit);
  });

  it('stops one byte past any limit, or just past the stated size, whichever comes first', () => {
    for (const [bomb, stated] of [[wrapped, 1 << 20], [honest, 80 << 20]] as const) {
      for (const limit of [0, 1000, 1 << 20, (1 << 20) + 1, 5_000_000, 64 << 20]) {
        const e = failure(() => gunzip(bomb, 'bomb.gz', { limit }));
        expect(e.reason, `limit ${limit}`).toBe('too-large');
        expect(e.produced).toBe(Math.min(limit, stated + PAST_STATED) + 1);
      }
    }
  });

  it('inflates a file whose true size is exactly the limit', () => {
    const data = new Uint8Array(200_000).map((_, i) => i % 13);
    expect(gunzip(gzipSync(data), 'f.gz', { limit: data.length })).toEqual(data);
    expect(failure(() => gunzip(gzipSync(data), 'f.gz', { limit: data.length - 1 })).reason).toBe('too-large');
  });

  it('builds bombs that are real deflate streams: a small one inflates to its zeros', () => {
    // Its CRC-32 is left 0, so the trailer check refuses it, after inflating all 3 MiB.
    expect(failure(() => gunzip(gzipBomb(3), 'small.gz')).message).toMatch(/^small\.gz: expected CRC-32 00000000 \(gzip trailer\), found CRC-32 [0-9a-f]{8}/);
  });
});
