// One RunStore connection per JS context (the page, each worker), opened on first use. A failed
// open is not kept: the next call tries again (e.g. once the user closed an older tab). A closed
// connection (another tab upgrading, or the browser) is replaced on the next call too. Each change
// it makes is announced to the site's other contexts (changes.ts).
import { DB_NAME, RunStore, StorageBlockedError } from './run-store';
import { noIndexedDbError, storageUnavailableMessage } from './unavailable';
import { announceChange } from './changes';

let shared: Promise<RunStore> | null = null;

export function sharedRunStore(): Promise<RunStore> {
  if (!shared) {
    const opened = typeof indexedDB === 'undefined' ? Promise.reject(noIndexedDbError()) : RunStore.open(DB_NAME, { onClose: () => forget(p), onChange: announceChange });
    const p: Promise<RunStore> = opened.catch((e) => {
      forget(p);
      // Blocked by another tab already says what to do.
      if (e instanceof StorageBlockedError) throw e;
      throw new Error(storageUnavailableMessage(e), { cause: e });
    });
    shared = p;
  }
  return shared;
}

function forget(p: Promise<RunStore>) {
  if (shared === p) shared = null;
}
