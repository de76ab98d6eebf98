import { describe, expect, it } from 'vitest';
import { InterruptionTracker } from './interrupted';

/** localStorage and a LockManager shared by "pages"; a dead page's locks are released. */
function browser() {
  const items = new Map<string, string>();
  const storage = {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
    key: (i: number) => [...items.keys()][i] ?? null,
    get length() { return items.size; },
  };
  const held = new Map<string, number>(); // lock → page
  let page = 0;
  const open = () => {
    const me = ++page;
    const locks = {
      request: (name: string) => { held.set(name, me); return new Promise<never>(() => {}); },
      query: async () => ({ held: [...held.keys()].map((name) => ({ name })), pending: [] }),
    } as unknown as LockManager;
    const t = new InterruptionTracker({ storage, locks });
    t.hold();
    return { t, crash: () => { for (const [n, p] of held) if (p === me) held.delete(n); } };
  };
  return { open, items };
}

describe('InterruptionTracker', () => {
  it('offers the run a crashed page was training, once', async () => {
    const b = browser();
    const a = b.open();
    a.t.follow(true, 'run-1', 'Fashion-MNIST · HKD');
    a.crash();
    const next = b.open();
    const run = await next.t.find();
    expect(run).toMatchObject({ runKey: 'run-1', name: 'Fashion-MNIST · HKD' });
    next.t.answered(run!);
    expect(await b.open().t.find()).toBeNull();
  });

  it('offers nothing for a page that is alive, paused, or left cleanly', async () => {
    const b = browser();
    const alive = b.open();
    alive.t.follow(true, 'run-1', 'one');
    expect(await b.open().t.find()).toBeNull(); // another tab is training it right now
    const paused = b.open();
    paused.t.follow(true, 'run-2', 'two');
    paused.t.follow(false, 'run-2', 'two');
    paused.crash();
    const left = b.open();
    left.t.follow(true, 'run-3', 'three');
    left.t.leave();
    left.crash();
    expect(await b.open().t.find()).toBeNull();
    expect([...b.items.keys()]).toHaveLength(1); // only the live page's marker
  });

  it('a damaged marker is dropped, and without Web Locks nothing is guessed', async () => {
    const b = browser();
    b.items.set('hkd-lab:training:dead', '{not json');
    expect(await b.open().t.find()).toBeNull();
    expect(b.items.has('hkd-lab:training:dead')).toBe(false);
    b.items.set('hkd-lab:training:dead', JSON.stringify({ runKey: 'r' }));
    expect(await new InterruptionTracker({ storage: { getItem: () => null, setItem() {}, removeItem() {}, key: () => null, length: 0 }, locks: undefined }).find()).toBeNull();
  });
});
