// Other tabs' writes, heard here: every RunStore connection (a page, a training or an import
// worker, in any tab of this site) announces a change it made, so each page's lists follow the
// others without polling. BroadcastChannel reaches every other context of the same origin; a
// context without it (old browsers, some test runners) simply hears nothing, and its lists follow
// its own writes only, as before.

export type StorageChange = { kind: 'run' | 'dataset'; id: string; op: 'saved' | 'renamed' | 'deleted' };

export const CHANGES_CHANNEL = 'hkd-lab-storage';

let out: BroadcastChannel | null | undefined;

function channel(): BroadcastChannel | null {
  if (out === undefined) {
    out = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANGES_CHANNEL);
    // Node (the CLI, the tests): an open channel must not keep the process alive.
    (out as { unref?: () => void } | null)?.unref?.();
  }
  return out;
}

/** Tells every other context that storage changed; never throws (a list going stale is not worth failing a save). */
export function announceChange(c: StorageChange): void {
  try {
    channel()?.postMessage(c);
  } catch {
    // a closed channel: nobody hears it
  }
}

const isChange = (d: unknown): d is StorageChange => {
  const c = d as StorageChange;
  return !!c && (c.kind === 'run' || c.kind === 'dataset') && typeof c.id === 'string' && (c.op === 'saved' || c.op === 'renamed' || c.op === 'deleted');
};

/** Calls `fn` for each change another connection announces; returns the unsubscribe. */
export function onStorageChange(fn: (c: StorageChange) => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const inbox = new BroadcastChannel(CHANGES_CHANNEL);
  inbox.onmessage = (e: MessageEvent) => {
    if (isChange(e.data)) fn(e.data);
  };
  return () => inbox.close();
}
