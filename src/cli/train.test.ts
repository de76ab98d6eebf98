// The CLI end to end: bundled as `npm run train` runs it, on the embedded data and teacher.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunFile } from '../core/runs/runfile';

const run = (args: string[]) => spawnSync(process.execPath, ['scripts/run-node.mjs', 'src/cli/train.ts', ...args], { encoding: 'utf8', timeout: 240_000 });

describe('npm run train', () => {
  it('trains, prints progress with an ETA and a summary, and writes every series', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'hkd-cli-')), 'run.json');
    const r = run(['--preset', 'cnn', '--method', 'hkd', '--steps', '12', '--seed', '3', '--out', out, '--eval-every', '6']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/backend: wasm/);
    expect(r.stdout).toMatch(/step 12\/12 .* ETA /);
    expect(r.stdout).toMatch(/teacher test accuracy +\d+\.\d+%/);
    expect(r.stdout).toMatch(/student test accuracy +\d+\.\d+%/);
    for (const h of ['kd', 'fitnet', 'at']) expect(r.stdout).toMatch(new RegExp(`mean weight ${h} +v \\d\\.\\d{3} +ṽ \\d\\.\\d{3}`));
    // A run file, as the lab opens it (same parser), with its recorded log.
    const text = readFileSync(out, 'utf8');
    const runFile = parseRunFile(text, 'run.json');
    expect(runFile.config.cold).toMatchObject({ preset: 'cnn', method: 'hkd', seed: 3, totalSteps: 12 });
    expect(runFile.steps).toBe(12);
    const log = JSON.parse(text).log;
    expect(log.steps.step).toHaveLength(12);
    for (const col of ['loss.total', 'loss.ce', 'loss.kd', 'loss.fitnet', 'loss.at', 'loss.meta', 'acc.train', 'v.kd', 'vt.at', 'raw.kd', 'lr']) {
      expect(log.steps[col], col).toHaveLength(12);
    }
    expect(log.hist).toHaveLength(12);
    // Every 6 steps, and the final evaluation at 12 (not twice).
    expect(log.evals.map((e: { step: number }) => e.step)).toEqual([6, 12]);
    expect(log.probes.length).toBeGreaterThan(0);
  });

  it('refuses a wrong flag with a usage error and exit code 2', () => {
    const r = run(['--stepz', '3']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/error: Unknown option '--stepz'/);
    expect(r.stderr).toMatch(/usage: npm run train/);
  });
});
