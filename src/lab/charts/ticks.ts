/** Step-axis tick labels: whole numbers, compact past ten thousand. */
export function stepTick(v: number): string {
  const n = Math.round(v);
  return Math.abs(n) >= 10_000 ? `${Math.round(n / 1000)}k` : String(n);
}

/**
 * Ticks along a step range: `first`, `last` and the round steps (1, 2 or 5 × 10ⁿ apart, about
 * `count` in all) between them, leaving out those that would crowd an end.
 */
export function stepTicks(first: number, last: number, count = 6): number[] {
  if (!(last > first)) return Number.isFinite(first) ? [first] : [];
  const raw = (last - first) / Math.max(1, count - 1);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const every = [1, 2, 5, 10].map((m) => m * mag).reduce((a, b) => (Math.abs(Math.log(b / raw)) < Math.abs(Math.log(a / raw)) ? b : a));
  const inner: number[] = [];
  for (let s = Math.ceil(first / every) * every; s < last; s += every) {
    if (s - first >= every / 2 && last - s >= every / 2) inner.push(s);
  }
  return [first, ...inner, last];
}
