// One IndexedDB connection per worker, opened on first use.
import { RunStore } from '../../core/storage/run-store';

let store: Promise<RunStore> | null = null;

export function runStore(): Promise<RunStore> {
  store ??= RunStore.open().catch((e) => {
    store = null;
    throw new Error(`the browser's storage (IndexedDB) is not available: ${(e as Error)?.message ?? e}`);
  });
  return store;
}
