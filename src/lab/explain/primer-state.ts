// Whether the first-visit primer was dismissed, kept in localStorage. Storage can be missing or
// refuse writes (private windows, embedded frames): the primer then simply shows again.
export const PRIMER_KEY = 'hkd-lab:primer-dismissed';

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function storage(): Store | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function primerDismissed(s: Store | null = storage()): boolean {
  try {
    return s?.getItem(PRIMER_KEY) === '1';
  } catch {
    return false;
  }
}

export function setPrimerDismissed(dismissed: boolean, s: Store | null = storage()): void {
  try {
    if (dismissed) s?.setItem(PRIMER_KEY, '1');
    else s?.removeItem(PRIMER_KEY);
  } catch {
    // Nothing to do: see above.
  }
}
