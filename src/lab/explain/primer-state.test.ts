import { describe, expect, it } from 'vitest';
import { PRIMER_KEY, primerDismissed, setPrimerDismissed } from './primer-state';

function memoryStore() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
}

describe('primer state', () => {
  it('shows on a first visit, stays dismissed, and can be shown again', () => {
    const s = memoryStore();
    expect(primerDismissed(s)).toBe(false);
    setPrimerDismissed(true, s);
    expect(s.m.get(PRIMER_KEY)).toBe('1');
    expect(primerDismissed(s)).toBe(true);
    setPrimerDismissed(false, s);
    expect(primerDismissed(s)).toBe(false);
  });
  it('survives storage that is missing or refuses access', () => {
    const refusing = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); }, removeItem: () => { throw new Error('denied'); } };
    expect(primerDismissed(refusing)).toBe(false);
    expect(() => setPrimerDismissed(true, refusing)).not.toThrow();
    expect(primerDismissed(null)).toBe(false);
  });
});
