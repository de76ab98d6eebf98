// Test hooks only in test builds: the real production build (Vite, as `npm start` makes it) holds
// none of them. Each marker is checked to exist in the sources, so a rename cannot make this pass
// by itself.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';

const MARKERS: Record<string, string> = {
  // Page hooks (main.tsx, test-hooks.ts) and the debug-only button (App.tsx).
  setMemoryBudget: 'src/lab/main.tsx',
  trainingWorker: 'src/lab/test-hooks.ts',
  importWorker: 'src/lab/test-hooks.ts',
  stepTrace: 'src/lab/test-hooks.ts',
  'simulate-lost-device': 'src/lab/App.tsx',
  // The worker's hook for the soak benchmark, and its debug command's failures.
  __hkdWorker: 'src/lab/worker/train.worker.ts',
  'simulated backend failure': 'src/lab/worker/debug-hooks.ts',
};

const outDir = mkdtempSync(join(tmpdir(), 'hkd-prod-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the production build', () => {
  it('holds no test hook', async () => {
    for (const [marker, file] of Object.entries(MARKERS)) expect(readFileSync(file, 'utf8'), file).toContain(marker);
    await build({ mode: 'production', logLevel: 'silent', build: { outDir, emptyOutDir: true } });
    const scripts = readdirSync(join(outDir, 'assets')).filter((f) => f.endsWith('.js'));
    expect(scripts.some((f) => f.startsWith('train.worker'))).toBe(true);
    const code = scripts.map((f) => readFileSync(join(outDir, 'assets', f), 'utf8')).join('\n');
    expect(Object.keys(MARKERS).filter((m) => code.includes(m))).toEqual([]);
  });
});
