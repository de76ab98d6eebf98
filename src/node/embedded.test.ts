import { describe, expect, it } from 'vitest';
import { loadEmbeddedDatasetFromDisk } from './embedded';

describe('embedded Fashion-MNIST subset on disk', () => {
  it('loads 10,000 train and 2,000 test images with all 10 classes in both', async () => {
    const d = await loadEmbeddedDatasetFromDisk();
    expect([d.height, d.width, d.channels]).toEqual([28, 28, 1]);
    expect(d.train.count).toBe(10_000);
    expect(d.test.count).toBe(2_000);
    expect(d.train.images.length).toBe(10_000 * 784);
    expect(d.classNames).toHaveLength(10);
    for (const split of [d.train, d.test]) {
      const counts = new Array(10).fill(0);
      for (const l of split.labels) counts[l]++;
      expect(counts.every((n) => n > 0)).toBe(true);
    }
    expect(d.license).toContain('Zalando SE');
    expect(d.license).toContain('Permission is hereby granted');
    expect(d.source).toContain('Fashion-MNIST');
  });

  it('says how to regenerate missing files', async () => {
    await expect(loadEmbeddedDatasetFromDisk('/nonexistent/dir')).rejects.toThrow(/make:dataset/);
  });
});
