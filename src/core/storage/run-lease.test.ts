import { describe, expect, it } from 'vitest';
import { FakeLocks } from './fake-locks.test-util';
import { claimLockName, penLockName, RunLeases, type LeaseTimers } from './run-lease';

/** Timers fired by hand: no test waits on the clock. */
function manualTimers(): LeaseTimers & { fire: () => void; pending: () => number } {
  const due = new Map<number, () => void>();
  let id = 0;
  return {
    setTimeout: (fn) => (due.set(++id, fn), id),
    clearTimeout: (i) => void due.delete(i as number),
    fire: () => {
      for (const [i, fn] of [...due]) {
        due.delete(i);
        fn();
      }
    },
    pending: () => due.size,
  };
}

/** Lets queued promise callbacks run (the fake grants locks in microtasks). */
const settle = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

describe('RunLeases', () => {
  it('gives a run to one tab: a second one opening it gets "busy" and may not write it', async () => {
    const locks = new FakeLocks();
    const a = new RunLeases(locks, () => {});
    const b = new RunLeases(locks, () => {});
    expect(await a.acquire('r1', 'if-free')).toBe('writer');
    expect(a.holds('r1') && a.mayWrite('r1')).toBe(true);
    expect(await b.acquire('r1', 'if-free')).toBe('busy');
    expect(b.mayWrite('r1')).toBe(false);
    // Another run is free for b; a's locks are untouched by b's failed try.
    expect(await b.acquire('r2', 'if-free')).toBe('writer');
    expect(locks.held()).toEqual([claimLockName('r1'), claimLockName('r2'), penLockName('r1'), penLockName('r2')].sort());
  });

  it('is reentrant: the same tab reopening the run it writes does not wait on its own lock', async () => {
    const locks = new FakeLocks();
    const a = new RunLeases(locks, () => {});
    expect(await a.acquire('r1', 'if-free')).toBe('writer');
    expect(await a.acquire('r1', 'if-free')).toBe('writer');
    expect(await a.acquire('r1', 'steal')).toBe('writer');
    expect(locks.waiting(penLockName('r1'))).toBe(0);
    expect(a.holds('r1')).toBe(true);
  });

  it('a released run (or a closed tab, whose locks the browser drops) is free for the next tab', async () => {
    const locks = new FakeLocks();
    const a = new RunLeases(locks, () => {});
    const b = new RunLeases(locks, () => {});
    await a.acquire('r1', 'if-free');
    await a.acquire('r2', 'if-free');
    a.releaseAllBut('r2');
    expect(a.holds('r1')).toBe(false);
    expect(a.holds('r2')).toBe(true);
    await settle();
    expect(await b.acquire('r1', 'if-free')).toBe('writer');
  });

  it('take over: the old writer is told, keeps the right to its last save, and the new one waits for it', async () => {
    const locks = new FakeLocks();
    const order: string[] = [];
    const lost: string[] = [];
    const a = new RunLeases(locks, (k) => lost.push(k));
    const b = new RunLeases(locks, () => {});
    await a.acquire('r1', 'if-free');
    const taking = b.acquire('r1', 'steal').then((r) => (order.push(`b ${r}`), r));
    await settle();
    expect(lost).toEqual(['r1']);
    // Stolen: a no longer holds the run but may still write its last steps; b waits meanwhile.
    expect(a.holds('r1')).toBe(false);
    expect(a.mayWrite('r1')).toBe(true);
    expect(b.mayWrite('r1')).toBe(false);
    expect(order).toEqual([]);
    order.push('a saves its last steps');
    a.release('r1');
    expect(await taking).toBe('writer');
    expect(order).toEqual(['a saves its last steps', 'b writer']);
    expect(a.mayWrite('r1')).toBe(false);
    expect(b.holds('r1')).toBe(true);
    // a can take it back the same way.
    const back = a.acquire('r1', 'steal');
    await settle();
    b.release('r1');
    expect(await back).toBe('writer');
  });

  it('a take-over that waits too long for the last save gives up and can be tried again', async () => {
    const locks = new FakeLocks();
    const timers = manualTimers();
    const a = new RunLeases(locks, () => {});
    const b = new RunLeases(locks, () => {}, 20_000, timers);
    await a.acquire('r1', 'if-free');
    const taking = b.acquire('r1', 'steal');
    await settle();
    expect(timers.pending()).toBe(1);
    timers.fire(); // a never saves (a frozen tab, say)
    expect(await taking).toBe('timeout');
    expect(b.mayWrite('r1')).toBe(false);
    expect(locks.waiting(penLockName('r1'))).toBe(0);
    // Once a has let go, the next try succeeds.
    a.release('r1');
    expect(await b.acquire('r1', 'steal')).toBe('writer');
    expect(timers.pending()).toBe(0);
  });

  it('a third tab taking the run while the second still waits leaves the second read-only, not writing', async () => {
    const locks = new FakeLocks();
    const lostB: string[] = [];
    const a = new RunLeases(locks, () => {});
    const b = new RunLeases(locks, (k) => lostB.push(k));
    const c = new RunLeases(locks, () => {});
    await a.acquire('r1', 'if-free');
    const bTakes = b.acquire('r1', 'steal');
    await settle();
    const cTakes = c.acquire('r1', 'steal');
    await settle();
    a.release('r1');
    expect(await bTakes).toBe('busy');
    // b never wrote, so it is not told it lost the run; c gets it once b's turn has passed.
    expect(lostB).toEqual([]);
    expect(await cTakes).toBe('writer');
    expect(b.mayWrite('r1')).toBe(false);
  });

  it('without Web Locks every run is writable (as before leases)', async () => {
    const l = new RunLeases(null, () => {});
    expect(await l.acquire('r1', 'if-free')).toBe('writer');
    expect(l.mayWrite('anything')).toBe(true);
  });

  it('no step of either tab is lost from the record across take-overs', async () => {
    // Two tabs over one record; each trains, saving every 3 steps; the record must hold every step.
    const locks = new FakeLocks();
    let record: number[] = [];
    class Tab {
      steps: number[] = [];
      training = false;
      readonly leases: RunLeases = new RunLeases(locks, () => this.lost());
      save() {
        if (this.leases.mayWrite('r1')) record = [...this.steps];
      }
      lost() {
        this.training = false;
        this.save(); // its last steps, before the new writer reads
        this.leases.release('r1');
      }
      async open(how: 'if-free' | 'steal') {
        const r = await this.leases.acquire('r1', how);
        this.steps = [...record];
        return r;
      }
      train(n: number) {
        for (let i = 0; i < n && this.training; i++) {
          this.steps.push(this.steps.length);
          if (this.steps.length % 3 === 0) this.save();
        }
      }
    }
    const a = new Tab();
    const b = new Tab();
    expect(await a.open('if-free')).toBe('writer');
    a.training = true;
    a.train(200);
    expect(await b.open('if-free')).toBe('busy');
    b.training = true;
    b.train(5);
    b.save(); // read-only: refused
    expect(record).toHaveLength(198); // a's last periodic save (every 3 steps)
    expect(await b.open('steal')).toBe('writer');
    expect(a.training).toBe(false);
    expect(b.steps).toHaveLength(200); // a's last step came along
    b.training = true;
    b.train(200);
    a.training = true;
    a.train(7); // stopped tab: its steps are not saved
    expect(await a.open('steal')).toBe('writer');
    expect(record).toEqual(Array.from({ length: 400 }, (_, i) => i));
  });
});
