// Controls hidden by `<control>_hide=1` in the address (a teacher's focused exercise). Set once
// at start-up, before the first render; components ask `isHidden(name)` for their own control.
// The names are those of config/hideable.ts.
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
