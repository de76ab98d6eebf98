// Node side of the embedded dataset: reads the committed files from disk.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Dataset } from '../core/data/dataset';
import { loadEmbeddedDataset } from '../core/data/embedded';

/** `root` is relative to the working directory (the repository root for npm scripts and vitest). */
export async function loadEmbeddedDatasetFromDisk(root = 'public/data/fashion-mnist'): Promise<Dataset> {
  const dir = resolve(root);
  return loadEmbeddedDataset(async (rel) => {
    try {
      return new Uint8Array(await readFile(join(dir, rel)));
    } catch (e) {
      throw new Error(`Could not read the embedded dataset file ${join(dir, rel)} (${(e as Error).message}). Regenerate the files with \`npm run make:dataset\`.`);
    }
  });
}
