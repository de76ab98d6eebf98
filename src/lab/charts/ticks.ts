/** Step-axis tick labels: whole numbers, compact past ten thousand. */
export function stepTick(v: number): string {
  const n = Math.round(v);
  return Math.abs(n) >= 10_000 ? `${Math.round(n / 1000)}k` : String(n);
}
