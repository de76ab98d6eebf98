// Offline: after one visit the service worker has precached the lab, the dataset and the
// teachers; with the network off, a reload loads the lab and play trains.
import { expect, test } from '@playwright/test';
import { SMALL, stepCount, waitForSteps } from './helpers';

test('after one visit the lab loads and trains with the network off', async ({ page, context }) => {
  test.setTimeout(180_000);
  await page.goto(`/?${SMALL}&backend=wasm`);
  await expect(page.getByTestId('run-state')).toHaveText('paused', { timeout: 90_000 });
  // The worker registers after the first step (so precaching does not slow the first load).
  await page.getByTestId('step-once').click();
  await expect(page.getByTestId('step')).toHaveText('Step 1');
  // (expect.poll, not waitForFunction: the check is async, and a pending promise is truthy.)
  await expect.poll(() => page.evaluate(async () => {
    const r = await navigator.serviceWorker.getRegistration();
    return r?.active?.state === 'activated' && navigator.serviceWorker.controller !== null;
  }), { timeout: 90_000 }).toBe(true);
  const cached = await page.evaluate(async () => {
    const names = await caches.keys();
    const urls: string[] = [];
    for (const n of names) for (const r of await (await caches.open(n)).keys()) urls.push(new URL(r.url).pathname);
    return urls;
  });
  for (const p of ['/index.html', '/data/fashion-mnist/train-images-idx3-ubyte.gz', '/teachers/cnn.bin', '/manifest.webmanifest']) {
    expect(cached, p).toContain(p);
  }
  expect(cached.some((u) => u.endsWith('.wasm'))).toBe(true);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('run-state')).toHaveText('paused', { timeout: 90_000 });
  // The network really is off: what is not precached cannot be fetched.
  const probe = await page.evaluate(() => fetch(`/not-cached-${Date.now()}.txt`).then((r) => `HTTP ${r.status}`, () => 'failed'));
  expect(probe).toBe('failed');
  expect(await stepCount(page)).toBe(0);
  await page.getByTestId('play').click();
  await waitForSteps(page, 3);
  await expect(page.getByTestId('notice')).toHaveCount(0);
  await context.setOffline(false);
});

test('each test starts without a service worker (fresh browser context)', async ({ page }) => {
  await page.goto(`/?${SMALL}&backend=wasm`);
  const sw = await page.evaluate(async () => ({
    controller: navigator.serviceWorker.controller !== null,
    registrations: (await navigator.serviceWorker.getRegistrations()).length,
    caches: (await caches.keys()).length,
  }));
  expect(sw).toEqual({ controller: false, registrations: 0, caches: 0 });
});
