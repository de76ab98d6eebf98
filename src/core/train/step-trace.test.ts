// A traced step is the step: tracing changes none of its numbers, and the trace's numbers are the
// ones the step reports (the step-through shows them as the run's own).
import { describe, expect, it } from 'vitest';
import type { MethodId } from './config';
import { columnMeans } from './histogram';
import { trainerSuite } from './fixtures.test-util';

const suite = trainerSuite(256, 100);
const make = (method: MethodId, metaInterval = 1) => suite.make({ method, probeCount: 4, seed: 5 }, { metaInterval });

describe('StepTrace', () => {
  it('a traced step reports what the same untraced step reports, and its stages are those numbers', async () => {
    const a = await make('hkd');
    const b = await make('hkd');
    await a.step();
    await b.step();
    const p = await a.prepare({ trace: true });
    const tr = p.trace!;
    const ra = p.commit();
    const rb = await b.step();
    const { stepMs: _a, ...sa } = ra;
    const { stepMs: _b, ...sb } = rb;
    expect(sa).toEqual(sb);
    expect(tr.step).toBe(1);
    expect(a.stepsDone).toBe(2);
    const k = a.hints.length;
    expect(columnMeans(tr.v, k)).toEqual(ra.meanV);
    expect(columnMeans(tr.vt, k)).toEqual(ra.meanVt);
    expect(tr.actual.terms).toEqual(ra.losses);
    expect(tr.actual.lr).toBe(ra.lr);
    expect(tr.meta!.metaLoss).toBe(ra.metaLoss);
    // The meta update moved Θ: the weights after it differ from the ones before.
    expect(Array.from(tr.meta!.vBefore)).not.toEqual(Array.from(tr.v));
    // And the run goes on as if nothing had been traced.
    expect((await a.step()).losses).toEqual((await b.step()).losses);
    a.dispose();
    b.dispose();
  });

  it('has no meta stages for fixed weights, nor between meta steps', async () => {
    const kd = await make('kd');
    const p = await kd.prepare({ trace: true });
    expect(p.trace!.meta).toBeNull();
    expect(p.trace!.hints).toEqual(['kd']);
    p.commit();
    const h = await make('hkd', 2);
    await h.step();
    const q = await h.prepare({ trace: true });
    expect(q.trace!.meta).toBeNull();
    expect(q.report.metaStep).toBe(false);
    q.commit();
    kd.dispose();
    h.dispose();
  });
});
