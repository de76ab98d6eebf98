// Asks the browser to keep the lab's storage (navigator.storage.persist) once there is something
// worth keeping: the first run saved in this page. Without it, storage is "best-effort" and the
// browser may clear saved runs under disk pressure, which the saved-runs panel must say.
import { create } from 'zustand';

export interface StorageStatus {
  /** 'persistent' (kept until the user deletes it), 'best-effort', or 'unknown' (no StorageManager). */
  mode: 'persistent' | 'best-effort' | 'unknown' | 'not-asked';
  usage?: number;
  quota?: number;
}

export const useStorageStatus = create<StorageStatus>(() => ({ mode: 'not-asked' }));

type Manager = Pick<StorageManager, 'persist' | 'persisted' | 'estimate'>;

let asked = false;

/** After a save that worked: asks once per page, then reports the mode and the space used. */
export async function afterFirstSave(storage: Manager | undefined = globalThis.navigator?.storage): Promise<void> {
  if (asked) return;
  asked = true;
  if (!storage?.persist) return void useStorageStatus.setState({ mode: 'unknown' });
  let persistent = false;
  try {
    // Chromium answers at once from site engagement; other browsers may ask the user.
    persistent = (await storage.persisted()) || (await storage.persist());
  } catch {
    persistent = false;
  }
  let space: Pick<StorageStatus, 'usage' | 'quota'> = {};
  try {
    const e = await storage.estimate();
    space = { usage: e.usage, quota: e.quota };
  } catch {
    // The estimate is a courtesy: the mode is what matters.
  }
  useStorageStatus.setState({ mode: persistent ? 'persistent' : 'best-effort', ...space });
}

/** Test seam: a new page. */
export function resetPersistenceForTests() {
  asked = false;
  useStorageStatus.setState({ mode: 'not-asked' }, true);
}

const mb = (n: number) => (n >= 1e9 ? `${(n / 1e9).toFixed(1)} GB` : `${(n / 1e6).toFixed(1)} MB`);

/** The panel's sentence for the status. */
export function describeStorage(s: StorageStatus): string {
  const space = s.usage !== undefined && s.quota ? ` ${mb(s.usage)} used of ${mb(s.quota)} allowed.` : '';
  switch (s.mode) {
    case 'persistent':
      return `Storage is persistent: the browser keeps saved runs until you delete them.${space}`;
    case 'best-effort':
      return `Storage is best-effort: the browser may clear saved runs when the disk runs low. Export a run file to keep one for sure.${space}`;
    case 'unknown':
      return 'This browser does not say whether it keeps saved runs: export a run file to keep one for sure.';
    default:
      return '';
  }
}
