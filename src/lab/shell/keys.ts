// What a page-level key does, decided from what has the focus (pure, so it is unit-tested).
// Space toggles play everywhere except where it already means something: typing, a select, or a
// button the keyboard moved to (Space is that button's own activation). A button focused by a
// pointer click gives Space to play instead, so one keystroke never both re-clicks the button and
// toggles play.

export interface FocusInfo {
  /** Lower-case tag name of the focused element ('body' when nothing is focused). */
  tag: string;
  /** The `type` of an input. */
  type?: string;
  contentEditable?: boolean;
  /** A role that takes Space itself (button, checkbox, switch, …). */
  role?: string | null;
  /** The focus came from a pointer (mouse, touch, pen) rather than the keyboard. */
  byPointer: boolean;
}

const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);
const ACTIVATED_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'image']);
const ACTIVATED_ROLES = new Set(['button', 'checkbox', 'switch', 'radio', 'menuitem', 'tab', 'option']);

/** A field where keys are text (or a list to pick from): page shortcuts stay away. */
export function isTextEntry(f: FocusInfo): boolean {
  if (f.contentEditable) return true;
  if (f.tag === 'textarea' || f.tag === 'select') return true;
  return f.tag === 'input' && !NON_TEXT_INPUTS.has((f.type ?? 'text').toLowerCase());
}

/** A control that Space activates (clicks, checks, opens). */
export function isActivatedBySpace(f: FocusInfo): boolean {
  if (f.tag === 'button' || f.tag === 'summary') return true;
  if (f.tag === 'input') return ACTIVATED_INPUTS.has((f.type ?? '').toLowerCase());
  return !!f.role && ACTIVATED_ROLES.has(f.role);
}

export type SpaceAction = 'toggle-play' | 'leave-to-control';

export function spaceAction(f: FocusInfo): SpaceAction {
  if (isTextEntry(f)) return 'leave-to-control';
  if (isActivatedBySpace(f)) return f.byPointer ? 'toggle-play' : 'leave-to-control';
  return 'toggle-play';
}

/** The presenter key: a plain `p`, never while typing or with a modifier (Ctrl+P prints). */
export function isPresenterKey(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }, f: FocusInfo): boolean {
  return (e.key === 'p' || e.key === 'P') && !e.ctrlKey && !e.metaKey && !e.altKey && !isTextEntry(f);
}
