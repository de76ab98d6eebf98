// Datasets by id: the built-in Fashion-MNIST subset (fetched from the site), or one the user
// imported (IndexedDB). Two are kept, so a cold change on the same data is instant; a new one
// replaces the oldest imported one, so the built-in stays once loaded.
import type { Dataset } from '../../core/data/dataset';
import { fetchReader, loadEmbeddedDataset } from '../../core/data/embedded';
import { BUILTIN_DATASET } from '../config/lab-config';
import type { RunStore } from '../../core/storage/run-store';

const cache = new Map<string, Dataset>();

export async function loadDataset(id: string, baseUrl: string, store: () => Promise<RunStore>): Promise<Dataset> {
  const hit = cache.get(id);
  if (hit) return hit;
  let ds: Dataset | undefined;
  if (id === BUILTIN_DATASET) ds = await loadEmbeddedDataset(fetchReader(new URL(`${baseUrl}data/fashion-mnist/`, self.location.href).href));
  else ds = await (await store()).getDataset(id);
  if (!ds) throw new Error(`the dataset "${id}" is not stored in this browser (it was deleted, or imported in another browser)`);
  if (cache.size >= 2) cache.delete([...cache.keys()].find((k) => k !== BUILTIN_DATASET) ?? [...cache.keys()][0]);
  cache.set(id, ds);
  return ds;
}
