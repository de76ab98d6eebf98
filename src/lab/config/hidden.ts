// Controls hidden by `<control>_hide=1` in the address (a teacher's focused exercise). Set once
// at start-up, before the first render; components ask `isHidden(name)` for their own control.
// The names are those of config/hideable.ts.
import { runMethods, type LabConfig } from './lab-config';

let hidden = new Set<string>();

export function setHidden(names: Iterable<string>): void {
  hidden = new Set(names);
}

export function isHidden(name: string): boolean {
  return hidden.has(name);
}

/** Whether every one of `names` is hidden (a card with nothing left to show is not rendered). */
export function allHidden(names: readonly string[]): boolean {
  return names.every((n) => hidden.has(n));
}

export function hiddenControls(): string[] {
  return [...hidden];
}

// Controls locked by `<control>_lock=1`: shown read-only with a note (config/hideable.ts LOCKABLE).
let locked = new Set<string>();

export function setLocked(names: Iterable<string>): void {
  locked = new Set(names);
}

export function isLocked(name: string): boolean {
  return locked.has(name);
}

export function lockedControls(): string[] {
  return [...locked];
}

/** The note a locked control shows in place of its help. */
export const LOCKED_NOTE = 'Locked by the classroom link.';

/**
 * The locked settings a new configuration would change (a lesson, say): the method counts as
 * changed when the runs' methods do (a compare lesson swaps the one method for two).
 */
export function changesLocked(cur: LabConfig, next: LabConfig, names: Iterable<string> = locked): string[] {
  const out: string[] = [];
  for (const n of names) {
    if (n === 'method' ? runMethods(cur).join() !== runMethods(next).join() : n === 'preset' ? cur.cold.preset !== next.cold.preset : n === 'seed' && cur.cold.seed !== next.cold.seed) out.push(n);
  }
  return out;
}
