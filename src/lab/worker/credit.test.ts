import { describe, expect, it } from 'vitest';
import { CreditGate } from './credit';

describe('CreditGate', () => {
  it('blocks at the limit and resumes on ack', async () => {
    const g = new CreditGate(2);
    g.next();
    g.next();
    expect(g.hasCredit()).toBe(false);
    let released = false;
    const p = g.wait().then(() => (released = true));
    await Promise.resolve();
    expect(released).toBe(false);
    g.ack(1);
    await p;
    expect(released).toBe(true);
    expect(g.unacked).toBe(1);
  });

  it('ignores stale and future acks', () => {
    const g = new CreditGate(3);
    g.next();
    g.ack(5);
    expect(g.unacked).toBe(0);
    g.next();
    g.ack(1);
    expect(g.unacked).toBe(1);
  });
});
