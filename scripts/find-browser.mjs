// Finds the Chromium that end-to-end tests drive: an explicit path from CHROMIUM_PATH, else
// /usr/bin/chromium, else Debian's package installed with apt-get when running as root, else
// Playwright's own browser (on machines that can download it with `npx playwright install`).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

export function findBrowser({ log = console.error } = {}) {
  const explicit = process.env.CHROMIUM_PATH;
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`CHROMIUM_PATH=${explicit} does not exist; unset it or point it at a Chromium binary`);
    return explicit;
  }
  const system = '/usr/bin/chromium';
  if (existsSync(system)) return system;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    log('Chromium not found: installing Debian package "chromium" (apt-get, as root)…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const install = update.status === 0 && spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
    if (install && install.status === 0 && existsSync(system)) return system;
    log('apt-get could not install chromium; falling back to Playwright\'s own browser');
  }
  return undefined; // Playwright's bundled browser, if `npx playwright install chromium` was run
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(findBrowser() ?? '(playwright default)');
}
