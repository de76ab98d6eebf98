// `npm run reproduce` end to end, tiny: two methods × two seeds in parallel, the table, the files,
// the same initialisation and batches per seed across methods, and a second run that skips what is done.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReproduceResult } from '../core/reproduce/result';

const run = (args: string[]) => spawnSync(process.execPath, ['scripts/run-node.mjs', 'src/cli/reproduce.ts', ...args], { encoding: 'utf8', timeout: 400_000 });

describe('npm run reproduce', () => {
  it('runs every (method, seed) pair, pairs them by seed, writes Markdown, CSV and JSON, and resumes', () => {
    const out = mkdtempSync(join(tmpdir(), 'hkd-repro-'));
    const args = ['--methods', 'ce,kd', '--seeds', '2', '--steps', '6', '--eval-every', '3', '--val-size', '200', '--jobs', '2', '--out', out];
    const first = run(args);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/0 already done, 4 to run, 2 at a time/);
    expect(first.stdout).toMatch(/\| kd − ce \| [+−]\d+\.\d \[[+−]\d+\.\d, [+−]\d+\.\d\] \|/);
    const result = parseReproduceResult(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(result.runs).toHaveLength(4);
    expect(result.rows.map((r) => [r.method, r.finalTest.n])).toEqual([['ce', 2], ['kd', 2]]);
    // Same seed: same initial student and same data stream for both methods.
    expect(result.mismatchedSeeds).toEqual([]);
    for (const seed of [1, 2]) {
      const [a, b] = result.runs.filter((r) => r.seed === seed);
      expect(a.fingerprint).toEqual(b.fingerprint);
    }
    expect(result.runs[0].fingerprint.init).not.toBe(result.runs.find((r) => r.seed === 2)!.fingerprint.init);
    expect(result.runs.every((r) => r.evals.map((e) => e.step).join() === '3,6')).toBe(true);
    expect(readFileSync(join(out, 'results.csv'), 'utf8').split('\r\n')[0]).toMatch(/^method,seed,steps,final_test_acc,final_val_acc/);
    expect(readFileSync(join(out, 'results.md'), 'utf8')).toMatch(/\| ce \| \d+\.\d ± \d+\.\d \|/);
    const again = run(args);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/4 already done, 0 to run/);
  });

  it('refuses --method (it runs every method) with a usage error', () => {
    const r = run(['--method', 'kd']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--method: use --methods/);
  });
});
