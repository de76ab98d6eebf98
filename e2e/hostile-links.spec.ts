import { expect, test } from '@playwright/test';
import { SMALL, stepCount, waitForSteps } from './helpers';

test('an address with a malformed escape, __proto__ and tfjsflags is reported, and the lab still trains', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`/?${SMALL}&backend=wasm&seed=%&__proto__=5&tfjsflags=x`);
  await expect(page.getByTestId('run-state')).toHaveText('paused', { timeout: 90_000 });
  const alert = page.getByRole('alert').filter({ hasText: 'refused' });
  await expect(alert).toContainText('seed="%": a malformed %-escape (write a literal % as %25); using the default 1');
  await expect(alert).toContainText('__proto__: unknown setting, ignored');
  await expect(alert).toContainText('tfjsflags: unknown setting, ignored');
  await expect(page.getByTestId('cold-seed')).toHaveValue('1');
  await page.getByTestId('play').click();
  await waitForSteps(page, 2);
  await page.getByTestId('play').click();
  expect(await stepCount(page)).toBeGreaterThanOrEqual(2);
  expect(errors).toEqual([]);
});

test('a dataset that is not in this browser falls back to the built-in one, and the notice stays until dismissed', async ({ page }) => {
  await page.goto(`/?${SMALL}&backend=wasm&dataset=imp-nothing-here`);
  await expect(page.getByTestId('run-state')).toHaveText('paused', { timeout: 90_000 });
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText('The lab uses the built-in Fashion-MNIST instead.');
  // Past the runs' ready event and a few seconds more: still there.
  await page.waitForTimeout(3000);
  await expect(notice).toBeVisible();
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
});
