import { describe, expect, it } from 'vitest';
import { gzipSync } from 'fflate';
import { DataFormatError } from './errors';
import { crc32, isGzip, maybeGunzip } from './gzip';

describe('maybeGunzip', () => {
  const data = new Uint8Array(5000).map((_, i) => (i * 7) % 251);

  it('passes raw bytes through and inflates gzip', () => {
    expect(maybeGunzip(data, 'x')).toBe(data);
    const gz = gzipSync(data, { mtime: 0 });
    expect(isGzip(gz)).toBe(true);
    expect(maybeGunzip(gz, 'x')).toEqual(data);
  });

  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
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
    expect(() => maybeGunzip(cut, 'f.gz')).toThrow(/^f\.gz: expected (a complete deflate stream|\d+ uncompressed bytes|CRC-32)/);
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
});
