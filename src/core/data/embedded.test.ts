import { describe, expect, it } from 'vitest';
import { gzipSync } from 'fflate';
import { EMBEDDED_FILES, loadEmbeddedDataset } from './embedded';
import { encodeIdxImages, encodeIdxLabels } from './idx';

// Loading the committed files from disk is tested in src/node/embedded.test.ts; this checks the
// format with an in-memory reader, as the browser's fetch reader would supply it.
function files(trainCount: number, metaTrain = trainCount): Record<string, Uint8Array> {
  const enc = new TextEncoder();
  const labels = (n: number) => new Uint8Array(n).map((_, i) => i % 10);
  const meta = {
    name: 'mini', classNames: Array.from({ length: 10 }, (_, i) => `c${i}`), source: 'here', license: 'MIT',
    height: 2, width: 2, counts: { train: metaTrain, test: 10 }, classCounts: { train: [], test: [] },
  };
  return {
    [EMBEDDED_FILES.trainImages]: gzipSync(encodeIdxImages(new Uint8Array(trainCount * 4), trainCount, 2, 2)),
    [EMBEDDED_FILES.trainLabels]: gzipSync(encodeIdxLabels(labels(trainCount))),
    // Already inflated, as from a server that sends .gz with Content-Encoding: gzip.
    [EMBEDDED_FILES.testImages]: encodeIdxImages(new Uint8Array(40), 10, 2, 2),
    [EMBEDDED_FILES.testLabels]: encodeIdxLabels(labels(10)),
    [EMBEDDED_FILES.meta]: enc.encode(JSON.stringify(meta)),
    [EMBEDDED_FILES.license]: enc.encode('Full licence text\n'),
  };
}

describe('loadEmbeddedDataset', () => {
  it('builds the dataset through the reader', async () => {
    const f = files(20);
    const d = await loadEmbeddedDataset(async (rel) => f[rel]);
    expect([d.train.count, d.test.count, d.channels, d.height]).toEqual([20, 10, 1, 2]);
    expect(d.license).toBe('MIT\n\nFull licence text');
  });

  it('rejects data out of step with meta.json', async () => {
    const f = files(20, 30);
    await expect(loadEmbeddedDataset(async (rel) => f[rel])).rejects.toThrow(/expected 30 images \(meta\.json counts\.train\), found 20/);
    f[EMBEDDED_FILES.meta] = new TextEncoder().encode('{"name": 1}');
    await expect(loadEmbeddedDataset(async (rel) => f[rel])).rejects.toThrow(/meta\.json: expected an object/);
  });
});
