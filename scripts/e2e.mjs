// End-to-end tests: find (or install) Chromium, build the lab with its test hooks (--mode e2e,
// src/lab/test-build.ts), run Playwright against the build.
import { spawnSync } from 'node:child_process';
import { findBrowser } from './find-browser.mjs';

const browser = findBrowser();
const env = { ...process.env, E2E_CHROMIUM: browser ?? '' };
if (!process.env.E2E_SKIP_BUILD) {
  const build = spawnSync('node_modules/.bin/vite', ['build', '--mode', 'e2e', '--logLevel', 'warn'], { stdio: 'inherit', env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const r = spawnSync('node_modules/.bin/playwright', ['test', ...process.argv.slice(2)], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
