// Back-pressure: the worker may have at most `limit` metrics chunks that the page has not acked.
// At the limit, the run loop waits here (it does not step ahead), so a slow or busy page makes
// training hold back instead of queueing messages without bound.
export class CreditGate {
  private sent = 0;
  private acked = 0;
  private waiters: (() => void)[] = [];

  constructor(readonly limit = 3) {}

  /** Sequence number for the next chunk. */
  next(): number {
    return ++this.sent;
  }

  ack(seq: number): void {
    if (seq > this.acked) this.acked = Math.min(seq, this.sent);
    if (this.hasCredit()) this.release();
  }

  get unacked(): number {
    return this.sent - this.acked;
  }

  hasCredit(): boolean {
    return this.unacked < this.limit;
  }

  /** Resolves when there is credit (or when release() is called, e.g. on pause). */
  wait(): Promise<void> {
    if (this.hasCredit()) return Promise.resolve();
    return new Promise((r) => this.waiters.push(r));
  }

  release(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const r of w) r();
  }

  /** A new page or a reset: forget what was in flight. */
  reset(): void {
    this.acked = this.sent;
    this.release();
  }
}
