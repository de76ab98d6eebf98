// The memory budget holds on the bytes inflation actually produces, whatever gzip trailers, tar
// headers or zip directories state: gzip bombs, tar.gz bombs, zip bombs and lying directories.
import CRC32 from 'crc-32';
import { describe, expect, it } from 'vitest';
import { decodePng } from '../../node/decode-png';
import { deflateBomb, deflateRaw, gzipBomb } from '../data/deflate-bomb.test-util';
import { DataFormatError } from '../data/errors';
import { PAST_STATED } from '../data/gzip';
import { ImportError } from './errors';
import { DEFAULT_MEMORY_BUDGET, importDataset, type ImportFile, type ImportOptions, type ImportProgress } from './import';
import { cifarRecords, png, rawZip } from './fixtures.test-util';
import { writeTar } from './tar';

const MIB = 2 ** 20;
const f = (name: string, bytes: Uint8Array): ImportFile => ({ name, bytes });

async function refusal(files: ImportFile[], opts: ImportOptions = {}): Promise<ImportError> {
  const e = await importDataset(files, { decodeImage: decodePng, ...opts }).then(() => null, (err) => err);
  expect(e, 'import should fail').toBeInstanceOf(DataFormatError);
  return e as ImportError;
}

/** The MiB the budget error says were inflated before inflating stopped (zlib stops 1 byte past). */
function inflatedMib(e: Error): number {
  const m = /stopped after (\d+\.\d) MiB inflated/.exec(e.message);
  expect(m, e.message).not.toBeNull();
  return Number(m![1]);
}

/** CRC-32 as a zip directory states it. */
const crcOf = (b: Uint8Array) => CRC32.buf(new Uint8Array(b)) >>> 0;
const good = () => [f('data_batch_1.bin', cifarRecords('cifar10', 50, 3).bin)];

/** A tar header for one file of `size` bytes (the data follows in the stream). */
function tarHeader(name: string, size: number): Uint8Array {
  const t = writeTar([{ name, data: new Uint8Array(0) }]).slice(0, 512);
  t.set(new TextEncoder().encode(size.toString(8).padStart(11, '0') + '\0'), 124);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : t[i];
  t.set(new TextEncoder().encode(sum.toString(8).padStart(6, '0') + '\0 '), 148);
  return t;
}

describe('a gzip bomb', () => {
  it('with a wrapped trailer (4 GiB + 1 MiB of zeros, stating 1 MiB) is refused with the budget error, then a good file imports', async () => {
    const bomb = gzipBomb(4097);
    const progress: ImportProgress[] = [];
    const t0 = performance.now();
    const e = await refusal([f('bomb.gz', bomb)], { onProgress: (p) => progress.push(p) });
    console.log(`import of a 4 GiB + 1 MiB gzip bomb refused in ${(performance.now() - t0).toFixed(0)} ms: ${e.message}`);
    expect(e.code).toBe('memory');
    expect(e.message).toMatch(/^bomb\.gz: expected data that fits the import's memory budget of 1024\.0 MiB, found data that inflates past it \(past the 1\.0 MiB its gzip trailer states, so at least 4097\.0 MiB as the trailer holds the size mod 4 GiB, unless the trailer is wrong; stopped after \d\.\d MiB inflated, with 4\.1 MiB already in memory\) at byte offset \d+\. The file inflates to more than the memory budget allows: it is damaged, or a decompression bomb\. If it is a real dataset, import a smaller part of it/);
    expect(inflatedMib(e) * MIB).toBeLessThanOrEqual(DEFAULT_MEMORY_BUDGET + 0.05 * MIB);
    expect(progress.filter((p) => p.phase === 'decompress').every((p) => p.unit === 'bytes' && p.file === 'bomb.gz')).toBe(true);

    const { dataset } = await importDataset(good());
    expect(dataset.train.count + dataset.test.count).toBe(50);
  });

  it('that states its true size is refused before inflating when it is over the budget, and stopped just past the size it states when the trailer lies', async () => {
    const before = await refusal([f('big.gz', gzipBomb(80))], { memoryBudgetBytes: 32 * MIB, onProgress: () => expect.unreachable('inflated') });
    expect(before.code).toBe('memory');
    expect(before.message).toMatch(/^big\.gz: expected at most 32\.0 MiB of memory for the import, found an estimated 80\.\d MiB/);
    // The trailer says 10 MiB; the data goes on to 80.
    const lying = await refusal([f('liar.gz', gzipBomb(80, undefined, 10 * MIB))], { memoryBudgetBytes: 32 * MIB });
    expect(lying.code).toBe('memory');
    expect(inflatedMib(lying) * MIB).toBeLessThanOrEqual(10 * MIB + PAST_STATED + 0.05 * MIB);
  });
});

describe('a .tar.gz whose tar stream inflates past the budget', () => {
  const header = tarHeader('cifar-10-batches-bin/data_batch_1.bin', 200 * MIB);

  it('is stopped on the bytes produced, not the tar header or the gzip trailer', async () => {
    // 512-byte tar header + 200 MiB of "records", the trailer stating 4.5 kB.
    const tgz = gzipBomb(200, header, 512 + 4096);
    const e = await refusal([f('cifar-10-binary.tar.gz', tgz)], { memoryBudgetBytes: 64 * MIB });
    expect(e.code).toBe('memory');
    expect(e.message).toMatch(/^cifar-10-binary\.tar\.gz: expected data that fits the import's memory budget of 64\.0 MiB, found data that inflates past it/);
    expect(inflatedMib(e) * MIB).toBeLessThanOrEqual(64 * MIB + 0.05 * MIB);
  });

  it('whose trailer states the true size is refused up front by the estimate', async () => {
    const e = await refusal([f('cifar-10-binary.tar.gz', gzipBomb(200, header))], { memoryBudgetBytes: 64 * MIB });
    expect(e.code).toBe('memory');
    expect(e.message).toMatch(/^cifar-10-binary\.tar\.gz: expected at most 64\.0 MiB of memory for the import, found an estimated 200\.\d MiB/);
  });
});

describe('a zip whose directory cannot be trusted', () => {
  const one = png(4, 4, () => [1, 2, 3]);
  const entry = (name: string, data: Uint8Array, size: number, crc = 0) => ({ name, data, method: 8 as const, size, crc });

  it('a zip bomb (the directory states 100 bytes, the entry inflates to 200 MiB) stops at the budget', async () => {
    const bomb = rawZip([entry('cats/1.png', deflateBomb(200), 100), { name: 'dogs/1.png', data: one, method: 0, size: one.length, crc: 0 }]);
    const progress: ImportProgress[] = [];
    const t0 = performance.now();
    const e = await refusal([f('pets.zip', bomb)], { memoryBudgetBytes: 64 * MIB, testFraction: 0.5, onProgress: (p) => progress.push(p) });
    console.log(`zip bomb refused at a 64 MiB budget in ${(performance.now() - t0).toFixed(0)} ms`);
    expect(e.code).toBe('memory');
    expect(e.message).toMatch(/^pets\.zip: cats\/1\.png: expected data that fits the import's memory budget of 64\.0 MiB, found data that inflates past it/);
    expect(inflatedMib(e) * MIB).toBeLessThanOrEqual(64 * MIB + 0.05 * MIB);
    // Progress counts inflated bytes, and says when they pass what the directory states.
    const unpack = progress.filter((p) => p.phase === 'unpack');
    expect(unpack.length).toBeGreaterThan(4);
    expect(unpack.at(-1)).toMatchObject({ unit: 'bytes', pastStated: true });
    expect(unpack.at(-1)!.done).toBeGreaterThan(60 * MIB);

    const { dataset } = await importDataset(good());
    expect(dataset.train.count).toBe(40);
  });

  it('an entry that inflates to more or less than the directory states, or with another CRC-32, is refused naming it', async () => {
    const data = png(6, 6, (x, y) => [x * 40, y * 40, 7]);
    const packed = deflateRaw(data);
    const crc = crcOf(data);
    const cases: [number, number, RegExp][] = [
      [data.length - 1, crc, /expected \d+ bytes for "b\/1\.png" \(the zip's directory\), found \d+ inflated bytes/],
      [data.length + 1, crc, /expected \d+ bytes for "b\/1\.png" \(the zip's directory\), found \d+ inflated bytes/],
      [data.length, 0x1234, /expected CRC-32 00001234 for "b\/1\.png" \(the zip's directory\), found CRC-32 [0-9a-f]{8} of the inflated data/],
    ];
    for (const [size, c, message] of cases) {
      const z = rawZip([entry('a/1.png', deflateRaw(one), one.length, crcOf(one)), entry('b/1.png', packed, size, c)]);
      const e = await refusal([f('set.zip', z)], { testFraction: 0.5 });
      expect(e.code, message.source).toBe('truncated');
      expect(e.message).toMatch(new RegExp(`^set\\.zip: ${message.source}`));
    }
  });
});
