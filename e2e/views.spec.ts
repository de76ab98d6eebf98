import { expect, test } from '@playwright/test';
import { openLab, waitForSteps } from './helpers';
import { RUN_COLORS } from '../src/lab/charts/colors';

test('compare mode draws two runs in their own colours', async ({ page }) => {
  await openLab(page, 'compare=kd,hkd');
  await expect(page.getByTestId('run-legend').getByRole('listitem')).toHaveText([/KD/, /HKD/]);
  await page.getByTestId('play').click();
  await waitForSteps(page, 4);
  const strokes = page.getByTestId('chart-loss').locator('path.recharts-line-curve');
  await expect.poll(async () => new Set(await strokes.evaluateAll((ps) => ps.map((p) => p.getAttribute('stroke')))).size).toBeGreaterThanOrEqual(2);
  const colours = new Set(await strokes.evaluateAll((ps) => ps.map((p) => p.getAttribute('stroke'))));
  expect(colours.has(RUN_COLORS[0]) && colours.has(RUN_COLORS[1])).toBe(true);
});

test('the probe gallery shows images and weights; a click shows a trajectory', async ({ page }) => {
  await openLab(page);
  const gallery = page.getByRole('list', { name: 'Probe images' });
  const imgs = gallery.getByRole('img');
  await expect(imgs).toHaveCount(16);
  await expect.poll(() => imgs.first().evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(28);
  await expect(gallery.getByTestId('probe-weight').first()).toHaveText(/kd \d\.\d\d/);
  await page.getByTestId('play').click();
  await waitForSteps(page, 11);
  await page.getByTestId('play').click();
  await gallery.getByRole('button').nth(3).click();
  await expect(page.getByRole('heading', { name: /Probe \d+: weights over time/ })).toBeVisible();
  await expect(page.getByTestId('chart-trajectory').locator('path.recharts-line-curve').first()).toBeVisible();
  await page.getByLabel('Sort by').selectOption('weight-desc');
  const ws = await gallery.getByTestId('probe-weight').filter({ hasText: /^kd/ }).allTextContents();
  const nums = ws.map((w) => Number(w.split(' ')[1]));
  expect(nums).toEqual([...nums].sort((a, b) => b - a));
});

test('the per-instance lesson pits fixed multi-hint against HKD, with the same hint scales', async ({ page }) => {
  await openLab(page);
  await page.getByRole('button', { name: 'Fixed vs per-instance weights' }).click();
  await expect(page.getByTestId('run-legend').getByRole('listitem')).toHaveText([/Fixed multi-hint/, /^\s*HKD$/]);
  await waitForSteps(page, 2);
  // Like for like: both runs use the same γ and β (the multi-hint family's defaults).
  await expect(page.getByTestId('hot-beta-fitnet')).toHaveValue('1');
  await expect(page.getByTestId('hot-beta-at')).toHaveValue('100');
});
