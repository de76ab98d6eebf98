// A tab that crashes (or is killed for memory) while training leaves no goodbye: the next page
// load offers to continue that run from its last save. Each page holds a Web Lock for its life and
// leaves a marker in localStorage while it trains; a marker whose page lock is no longer held
// belongs to a page that died mid-run (the browser releases a dead page's locks). A page that
// closes or reloads cleanly removes its marker first (pagehide), so a reload offers nothing.
import { create } from 'zustand';

const PREFIX = 'hkd-lab:training:';
const LOCK = 'hkd-lab:page:';

export interface Interrupted {
  runKey: string;
  name: string;
  /** The marker's storage key, removed once the offer is answered. */
  key: string;
}

export const useInterrupted = create<{ run: Interrupted | null }>(() => ({ run: null }));

interface Env {
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;
  locks: Pick<LockManager, 'request' | 'query'> | undefined;
}

export class InterruptionTracker {
  private readonly id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  private training: string | null = null;

  constructor(private readonly env: Env) {}

  /** Holds this page's lock until the page goes away. */
  hold(): void {
    void this.env.locks?.request(LOCK + this.id, () => new Promise<void>(() => {}));
  }

  /** Follows the run state: a marker while `runKey` trains, none otherwise. */
  follow(running: boolean, runKey: string | null, name: string): void {
    const want = running && runKey ? runKey : null;
    if (want === this.training) return;
    this.training = want;
    try {
      if (want) this.env.storage.setItem(PREFIX + this.id, JSON.stringify({ runKey: want, name }));
      else this.env.storage.removeItem(PREFIX + this.id);
    } catch {
      // Storage refused (a private window): the offer after a crash is a courtesy.
    }
  }

  /** A clean goodbye: nothing to offer next time. */
  leave(): void {
    this.follow(false, null, '');
  }

  /** The run some dead page was training, if any (markers of live pages are left alone). */
  async find(): Promise<Interrupted | null> {
    if (!this.env.locks) return null; // without locks a live tab cannot be told from a dead one
    const held = new Set(((await this.env.locks.query()).held ?? []).map((l) => l.name));
    for (let i = 0; i < this.env.storage.length; i++) {
      const key = this.env.storage.key(i);
      if (!key?.startsWith(PREFIX) || key === PREFIX + this.id || held.has(LOCK + key.slice(PREFIX.length))) continue;
      try {
        const m = JSON.parse(this.env.storage.getItem(key) ?? '') as { runKey?: unknown; name?: unknown };
        if (typeof m.runKey === 'string') return { runKey: m.runKey, name: typeof m.name === 'string' ? m.name : m.runKey, key };
      } catch {
        // a damaged marker offers nothing
      }
      this.env.storage.removeItem(key);
    }
    return null;
  }

  /** The offer was taken or dismissed. */
  answered(run: Interrupted): void {
    this.env.storage.removeItem(run.key);
  }
}
