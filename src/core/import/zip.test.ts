import { execFileSync, execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytes, zip } from './fixtures.test-util';
import { listZip, readZipEntries, type ZipLimits } from './zip';

const files: Record<string, Uint8Array> = {
  'cats/1.png': bytes(3000, 1),
  'cats/2.png': new Uint8Array(5000).fill(7),
  'dogs/é.png': bytes(10, 2),
  'dogs/empty.png': new Uint8Array(0),
};
const limits: ZipLimits = { limit: 1 << 30, overLimit: () => new Error('over the limit') };

function readAll(z: Uint8Array): Record<string, Uint8Array> {
  const entries = listZip(z, 'x.zip').filter((e) => !e.name.endsWith('/'));
  return Object.fromEntries(readZipEntries(z, 'x.zip', entries, limits));
}

let zipBin = '';
try {
  zipBin = execFileSync('which', ['zip']).toString().trim();
} catch {
  // Info-ZIP is not installed: the tests below that need it are skipped (and say so).
}

describe('zip directory and entries', () => {
  it('reads what fflate writes: names (UTF-8), sizes, stored and deflated entries', () => {
    const entries = listZip(zip(files), 'x.zip');
    expect(entries.map((e) => [e.name, e.size])).toEqual(Object.entries(files).map(([k, v]) => [k, v.length]));
    expect(readAll(zip(files))).toEqual(files);
  });

  // Info-ZIP writes what users' tools write: a plain zip, one streamed to a pipe (sizes and CRC
  // in data descriptors after the data, the directory alone holds them up front), and zip64.
  it.skipIf(!zipBin)('reads zips written by Info-ZIP: plain, streamed (data descriptors) and zip64', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hkd-zip-'));
    for (const [name, data] of Object.entries(files)) {
      mkdirSync(join(dir, 'in', name, '..'), { recursive: true });
      writeFileSync(join(dir, 'in', name), data);
    }
    const names = Object.keys(files).join(' ');
    execSync(`cd in && ${zipBin} -q ../plain.zip ${names}`, { cwd: dir });
    execSync(`cd in && ${zipBin} -q - ${names} | cat > ../streamed.zip`, { cwd: dir }); // a pipe: no seeking back
    execSync(`cd in && ${zipBin} -q -fz ../zip64.zip ${names}`, { cwd: dir });
    for (const kind of ['plain', 'streamed', 'zip64']) {
      expect(readAll(new Uint8Array(readFileSync(join(dir, `${kind}.zip`)))), kind).toEqual(files);
    }
  });

  it('refuses an encrypted entry and an unknown compression method, naming the entry', () => {
    const z = zip({ 'a/1.png': bytes(100, 3) });
    const dirAt = z.length - 22 - 46 - 'a/1.png'.length;
    const encrypted = z.slice();
    encrypted[dirAt + 8] |= 1;
    expect(() => readAll(encrypted)).toThrow(/^x\.zip: expected entries without a password, found "a\/1\.png" encrypted/);
    const lzma = z.slice();
    lzma[dirAt + 10] = 14;
    expect(() => readAll(lzma)).toThrow(/^x\.zip: expected "a\/1\.png" stored or deflated, found compression method 14/);
  });

  it('names a directory or data cut short', () => {
    const z = zip(files);
    expect(() => listZip(z.subarray(0, z.length - 30), 'x.zip')).toThrow(/^x\.zip: expected the zip's end-of-central-directory record/);
    const cut = z.slice();
    new DataView(cut.buffer).setUint32(z.length - 22 + 16, 100_000, true); // the directory "starts" past the end
    expect(() => listZip(cut, 'x.zip')).toThrow(/^x\.zip: expected central-directory entry 1 of 4, found other bytes/);
  });
});
