// Growable column buffers for one run's metrics. Rows are appended from worker chunks; past
// MAX_ROWS every other row is dropped (the newest kept), so memory stays bounded however long a
// run trains while charts, which show at most ~1,500 points anyway, keep their shape.
import { HIST_LEN, NCOLS } from '../contract';

export const MAX_ROWS = 20_000;

export class Series {
  rows = new Float64Array(NCOLS * 256);
  hist = new Float32Array(HIST_LEN * 256);
  length = 0;

  append(rows: Float64Array, hist: Float32Array): void {
    const n = rows.length / NCOLS;
    if (this.length + n > this.rows.length / NCOLS) this.grow(this.length + n);
    this.rows.set(rows, this.length * NCOLS);
    this.hist.set(hist, this.length * HIST_LEN);
    this.length += n;
    if (this.length > MAX_ROWS) this.halve();
  }

  get(row: number, col: number): number {
    return this.rows[row * NCOLS + col];
  }

  /** Drops rows whose step is ≥ `step` (after resuming from an earlier checkpoint). */
  truncateFromStep(step: number): void {
    let n = this.length;
    while (n > 0 && this.rows[(n - 1) * NCOLS] >= step) n--;
    this.length = n;
  }

  private grow(min: number) {
    let cap = this.rows.length / NCOLS;
    while (cap < min) cap *= 2;
    const r = new Float64Array(cap * NCOLS);
    r.set(this.rows.subarray(0, this.length * NCOLS));
    const h = new Float32Array(cap * HIST_LEN);
    h.set(this.hist.subarray(0, this.length * HIST_LEN));
    this.rows = r;
    this.hist = h;
  }

  private halve() {
    const keep = Math.ceil(this.length / 2);
    // Keep rows length-1, length-3, …: the newest row survives.
    const first = (this.length - 1) % 2;
    for (let k = 0; k < keep; k++) {
      const src = first + 2 * k;
      this.rows.copyWithin(k * NCOLS, src * NCOLS, (src + 1) * NCOLS);
      this.hist.copyWithin(k * HIST_LEN, src * HIST_LEN, (src + 1) * HIST_LEN);
    }
    this.length = keep;
  }
}
