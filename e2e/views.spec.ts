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

test('the probe gallery shows v now and the stored ṽ, sorted by the value shown; a click shows a trajectory; charts have axis titles; Weighted scales the terms', async ({ page }) => {
  await openLab(page);
  const gallery = page.getByRole('list', { name: 'Probe images' });
  const imgs = gallery.getByRole('img');
  await expect(imgs).toHaveCount(16);
  await expect.poll(() => imgs.first().evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(28);
  await expect(gallery.getByTestId('probe-weight').first()).toHaveText(/^kd \d\.\d\d \(ṽ \d\.\d\d (@ step \d+|not yet updated)\)$/);
  await page.getByTestId('play').click();
  await waitForSteps(page, 11);
  await page.getByTestId('play').click();
  await expect(page.getByTestId('run-state')).toHaveText('paused');
  await gallery.getByRole('button').nth(3).click();
  await expect(page.getByRole('heading', { name: /Probe \d+: weights over time/ })).toBeVisible();
  await expect(page.getByTestId('chart-trajectory').locator('path.recharts-line-curve').first()).toBeVisible();
  await expect(page.getByTestId('vt-updated')).toHaveText(/last updated at step \d+|not updated yet/);
  // Sorted by the number shown first (v now). The last snapshot may still arrive after the pause:
  // poll until the gallery shows one sorted order.
  await page.getByLabel('Sort by').selectOption('weight-desc');
  const shown = async () => (await gallery.getByTestId('probe-weight').filter({ hasText: /^kd/ }).allTextContents()).map((w) => Number(w.split(' ')[1]));
  await expect.poll(async () => {
    const nums = await shown();
    return nums.length === 16 && nums.every((n, i) => i === 0 || nums[i - 1] >= n);
  }).toBe(true);
  await page.getByLabel('Sort by').selectOption('weight-asc');
  await expect.poll(async () => {
    const nums = await shown();
    return nums.length === 16 && nums.every((n, i) => i === 0 || nums[i - 1] <= n);
  }).toBe(true);

  // Axis titles, with units.
  await expect(page.getByTestId('chart-loss').locator('.axis-title')).toHaveText(['step', 'loss, batch mean']);
  await expect(page.getByTestId('chart-accuracy').locator('.axis-title')).toHaveText(['step', 'accuracy (%)']);
  await expect(page.getByTestId('chart-mix').locator('.axis-title')).toHaveText(['step', 'mean weight']);

  // Weighted: AT shows as β·L, i.e. β times the raw value (paused, so the data stay put).
  const atValue = async () => Number(await page.getByTestId('chart-loss').locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: 'AT', exact: true }) }).locator('td').last().textContent());
  const raw = await atValue();
  const beta = Number(await page.getByTestId('hot-beta-at').inputValue());
  await page.getByTestId('chart-loss').getByLabel('Weighted').check();
  await expect(page.getByTestId('chart-loss').locator('.axis-title').last()).toHaveText('γ·CE and β·L');
  // Both are shown to 3 significant digits: they agree to about 1 %.
  expect(beta).toBeGreaterThan(1);
  await expect.poll(async () => Math.abs((await atValue()) / (raw * beta) - 1)).toBeLessThan(0.015);
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
