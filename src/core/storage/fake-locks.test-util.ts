// An in-memory stand-in for the Web Locks LockManager (exclusive locks only), following the
// spec's rules that run-lease.ts relies on: ifAvailable gets null when held or queued; steal
// releases the holder (its request rejects with AbortError) and is granted ahead of the queue;
// a queued request can be aborted by its signal; a lock is held until its callback settles.
import type { LockManagerLike, LockOptions } from './run-lease';

interface Req {
  name: string;
  callback: (lock: unknown) => Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

const abortError = () => Object.assign(new Error('The lock request was aborted.'), { name: 'AbortError' });

export class FakeLocks implements LockManagerLike {
  private readonly holders = new Map<string, Req>();
  private readonly queues = new Map<string, Req[]>();

  /** Names held now (for assertions). */
  held(): string[] {
    return [...this.holders.keys()].sort();
  }

  waiting(name: string): number {
    return this.queues.get(name)?.length ?? 0;
  }

  request(name: string, options: LockOptions, callback: (lock: unknown) => Promise<unknown>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const req: Req = { name, callback, resolve, reject };
      const queue = this.queues.get(name) ?? [];
      this.queues.set(name, queue);
      if (options.steal) {
        const old = this.holders.get(name);
        if (old) {
          this.holders.delete(name);
          old.reject(abortError());
        }
        return this.grant(req);
      }
      if (this.holders.has(name) || queue.length) {
        if (options.ifAvailable) return this.run(req, null);
        if (options.signal?.aborted) return reject(abortError());
        queue.push(req);
        options.signal?.addEventListener('abort', () => {
          const i = queue.indexOf(req);
          if (i < 0) return;
          queue.splice(i, 1);
          reject(abortError());
        });
        return;
      }
      this.grant(req);
    });
  }

  private grant(req: Req) {
    this.holders.set(req.name, req);
    this.run(req, { name: req.name, mode: 'exclusive' });
  }

  private run(req: Req, lock: unknown) {
    Promise.resolve()
      .then(() => req.callback(lock))
      .then(
        (v) => {
          this.settle(req);
          req.resolve(v);
        },
        (e) => {
          this.settle(req);
          req.reject(e);
        },
      );
  }

  /** A callback settled: if it still held its lock (not stolen), the next in the queue gets it. */
  private settle(req: Req) {
    if (this.holders.get(req.name) !== req) return;
    this.holders.delete(req.name);
    const next = this.queues.get(req.name)?.shift();
    if (next) this.grant(next);
  }
}
