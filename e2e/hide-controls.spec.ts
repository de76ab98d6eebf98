import { expect, test } from '@playwright/test';
import { SMALL } from './helpers';

test('a link that hides some controls and every control of two cards shows no empty card and hides exactly those', async ({ page }) => {
  const runCard = ['preset', 'method', 'seed', 'batchSize', 'totalSteps', 'lrSchedule', 'weightNorm', 'compare'];
  const hide = [...runCard, 'dataset', 'import', 'lr', 'temperature', 'foo'].map((n) => `${n}_hide=1`).join('&');
  await page.goto(`/?${SMALL}&backend=wasm&${hide}`);
  await expect(page.getByTestId('run-state')).toHaveText('paused', { timeout: 90_000 });
  // Whole cards gone, headings included.
  await expect(page.getByRole('heading', { name: 'Run settings' })).toHaveCount(0);
  await expect(page.getByTestId('data-panel')).toHaveCount(0);
  // Exactly the named live settings are hidden; the others stay.
  await expect(page.getByRole('heading', { name: 'Live settings' })).toBeVisible();
  await expect(page.getByTestId('hot-lr')).toHaveCount(0);
  await expect(page.getByTestId('hot-temperature')).toHaveCount(0);
  for (const k of ['gamma', 'metaLr', 'mu', 'metaInterval']) await expect(page.getByTestId(`hot-${k}`)).toBeVisible();
  await expect(page.getByTestId('hot-beta-kd')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Start in one click' })).toBeVisible();
  // Every .card in the sidebar has something in it besides its heading.
  for (const card of await page.locator('.sidebar > .card').all()) expect(await card.locator('input, select, button').count()).toBeGreaterThan(0);
  // An unknown name is reported, in plain text, with what to do.
  const alert = page.getByRole('alert').filter({ hasText: 'refused' });
  await expect(alert).toContainText('foo_hide="1": no control is called "foo"; controls that can be hidden: preset, dataset,');
  expect(page.url()).toContain('seed_hide=1');
});
