// Why the browser's storage did not open, in words a user can act on. The raw DOMException names
// (VersionError, InvalidStateError, UnknownError, SecurityError) say nothing to a classroom.

/** Message for a database that will not open; `e` is what indexedDB.open (or its absence) gave. */
export function storageUnavailableMessage(e: unknown): string {
  const name = (e as { name?: string } | null)?.name ?? '';
  const raw = (e as Error | null)?.message ?? String(e);
  const keep = 'Nothing is saved in this browser until this is fixed: export a run file (Export panel) to keep a run.';
  switch (name) {
    case 'VersionError':
      return `The browser's storage for this site was written by a newer version of HKD Lab (${raw}). ${keep} Reload with the newer lab, or clear this site's data to start afresh.`;
    case 'SecurityError':
    case 'InvalidStateError':
      // Private windows in some browsers, and "block site data" settings, refuse IndexedDB this way.
      return `The browser refuses to store data for this site (${raw}): a private window or a setting that blocks site data. ${keep}`;
    case 'UnknownError':
      // Chromium's answer for a damaged database or a full disk.
      return `The browser's storage failed to open (${raw}): the disk may be full, or the site's stored data damaged. ${keep} Freeing disk space, or clearing this site's data, usually cures it.`;
    case 'NoIndexedDB':
      return `This browser window offers no storage (IndexedDB is missing: a private window or a locked-down browser). ${keep}`;
    default:
      return `The browser's storage (IndexedDB) is not available: ${raw}. ${keep}`;
  }
}

/** What opening storage throws when the context has no IndexedDB at all. */
export function noIndexedDbError(): Error {
  const e = new Error('indexedDB is not defined in this context');
  e.name = 'NoIndexedDB';
  return e;
}
