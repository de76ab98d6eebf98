import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMBEDDED_FILES } from '../src/core/data/embedded';

const haveSource = existsSync('/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz');

describe('make-dataset', () => {
  it.skipIf(!haveSource)('reproduces the committed files byte for byte', () => {
    const out = mkdtempSync(join(tmpdir(), 'hkd-dataset-'));
    try {
      const r = spawnSync(process.execPath, ['scripts/run-node.mjs', 'scripts/make-dataset.ts', '--out', out], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      for (const name of Object.values(EMBEDDED_FILES)) {
        const made = readFileSync(join(out, name));
        const committed = readFileSync(join('public/data/fashion-mnist', name));
        expect(made.equals(committed), name).toBe(true);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('explains where the source files come from when they are missing', () => {
    const r = spawnSync(process.execPath, ['scripts/run-node.mjs', 'scripts/make-dataset.ts', '--src', '/nonexistent', '--out', '/nonexistent/out'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('apt-get install dataset-fashion-mnist');
  });
});
