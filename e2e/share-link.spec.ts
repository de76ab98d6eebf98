import { expect, test } from '@playwright/test';
import { SMALL } from './helpers';

test('a shared link with one bad value: it is reported and defaulted, the rest is restored', async ({ page }) => {
  // `lr` is refused (a script, which must show as text); seed, method and a hot value come back.
  const bad = encodeURIComponent('<img src=x onerror="window.__pwned=1">');
  await page.goto(`/?${SMALL}&backend=wasm&seed=77&method=kd&temperature=2&lr=${bad}`);
  await expect(page.getByTestId('run-state')).toHaveText('paused', { timeout: 90_000 });
  const alert = page.getByRole('alert').filter({ hasText: 'refused' });
  await expect(alert).toContainText('lr');
  await expect(alert).toContainText('<img src=x');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  await expect(page.getByTestId('cold-seed')).toHaveValue('77');
  await expect(page.getByLabel('Method', { exact: true })).toHaveValue('kd');
  await expect(page.getByTestId('hot-temperature')).toHaveValue('2');
  await expect(page.getByTestId('hot-lr')).toHaveValue('0.05');
});

test('<control>_hide=1 hides controls for a focused exercise; the URL keeps the configuration', async ({ page }) => {
  await page.goto(`/?${SMALL}&backend=wasm&seed=5&seed_hide=1&import_hide=1&runs_hide=1`);
  await expect(page.getByTestId('run-state')).toHaveText('paused', { timeout: 90_000 });
  await expect(page.getByTestId('cold-seed')).toHaveCount(0);
  await expect(page.getByTestId('import-input')).toHaveCount(0);
  await expect(page.getByTestId('runs-panel')).toHaveCount(0);
  await expect(page.getByLabel('Method', { exact: true })).toBeVisible();
  expect(page.url()).toContain('seed=5');
  expect(page.url()).toContain('seed_hide=1');
});

test('the address follows the experiment: a copied link restores the changed settings in a new page', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`/?${SMALL}&backend=wasm&seed=9`);
  await expect(page.getByTestId('run-state')).toHaveText('paused', { timeout: 90_000 });
  await page.getByLabel('Method', { exact: true }).selectOption('fitnet');
  await page.getByRole('dialog').getByRole('button', { name: 'Reset and apply' }).click();
  await expect(page.getByTestId('run-state')).toHaveText('paused', { timeout: 90_000 });
  // FitNet brings its own CE weight and FitNet scale (RepDistiller -r 1 -b 100), named in the help.
  await expect(page.getByTestId('hot-gamma')).toHaveValue('1');
  await expect(page.getByTestId('hot-beta-fitnet')).toHaveValue('100');
  await expect(page.getByText('Defaults for FitNet + CE: γ 1')).toHaveCount(2);
  await page.getByTestId('hot-lr').fill('0.03');
  await page.getByTestId('hot-lr').press('Enter');
  await expect(page.getByTestId('edit-status')).toContainText('lr = 0.03');
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('copy-link')).toHaveText('Link copied');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('method=fitnet');
  expect(link).toContain('&gamma=1&');
  expect(link).toContain('&beta_fitnet=100&');

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByTestId('run-state')).toHaveText('paused', { timeout: 90_000 });
  await expect(other.getByLabel('Method', { exact: true })).toHaveValue('fitnet');
  await expect(other.getByTestId('cold-seed')).toHaveValue('9');
  await expect(other.getByTestId('hot-lr')).toHaveValue('0.03');
  await expect(other.getByTestId('hot-gamma')).toHaveValue('1');
  await expect(other.getByRole('alert')).toHaveCount(0);
});
