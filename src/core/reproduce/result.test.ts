import { describe, expect, it } from 'vitest';
import { syntheticRuns, SYNTHETIC_META } from './fixtures.test-util';
import { aggregate, encodeReproduceResult, parseReproduceResult, ReproduceFileError } from './result';

const good = () => aggregate(syntheticRuns(['ce', 'kd', 'multi', 'hkd'], [1, 2, 3]), SYNTHETIC_META);

describe('reading a reproduce result', () => {
  it('reads back what the CLI writes, with the table recomputed from the runs', () => {
    const r = good();
    const back = parseReproduceResult(encodeReproduceResult(r), 'results.json');
    expect(back.rows.map((x) => x.method)).toEqual(['ce', 'kd', 'multi', 'hkd']);
    expect(back.rows[3].finalTest.mean).toBeCloseTo(r.rows[3].finalTest.mean, 12);
    expect(back.pairs.map((p) => `${p.method}-${p.against}`)).toContain('hkd-multi');
  });

  it('refuses other files with a message naming the file and what is wrong', () => {
    expect(() => parseReproduceResult('{oops', 'a.json')).toThrow(/^a\.json: not JSON/);
    expect(() => parseReproduceResult('{"format":"hkd-run"}', 'a.json')).toThrow(/not a reproduce result/);
    expect(() => parseReproduceResult('{"format":"hkd-reproduce","version":9}', 'a.json')).toThrow(/version 9; this lab reads version 1/);
  });

  it('names the run and the fields it lacks instead of failing inside the table', () => {
    const j = JSON.parse(encodeReproduceResult(good()));
    delete j.runs[4].best;
    delete j.runs[4].fingerprint;
    j.runs[5].loss.total.pop();
    const msg = (() => {
      try {
        parseReproduceResult(JSON.stringify(j), 'r.json');
      } catch (e) {
        expect(e).toBeInstanceOf(ReproduceFileError);
        return (e as Error).message;
      }
    })();
    expect(msg).toMatch(/runs\[4\] \(kd, seed 2\) lacks best\.testAcc, fingerprint/);
    expect(msg).toMatch(/runs\[5\] \(kd, seed 3\) lacks loss/);
  });
});
