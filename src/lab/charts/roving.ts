// Roving tabindex for a grid of buttons (the probe gallery): Tab enters the grid once, on one
// button; the arrow keys, Home and End move inside it. Returns the new position, or null when the
// key is not one of these (so the page keeps it).
export function rovingMove(key: string, pos: number, count: number, columns: number): number | null {
  if (count === 0) return null;
  const cols = Math.max(1, columns);
  const at = Math.min(Math.max(pos, 0), count - 1);
  const to = (p: number) => Math.min(Math.max(p, 0), count - 1);
  switch (key) {
    case 'ArrowRight': return to(at + 1);
    case 'ArrowLeft': return to(at - 1);
    case 'ArrowDown': return at + cols < count ? at + cols : at;
    case 'ArrowUp': return at - cols >= 0 ? at - cols : at;
    case 'Home': return 0;
    case 'End': return count - 1;
    default: return null;
  }
}

/** The number of columns a CSS grid lays out now. */
export function gridColumns(el: HTMLElement): number {
  return getComputedStyle(el).gridTemplateColumns.split(' ').filter(Boolean).length || 1;
}
