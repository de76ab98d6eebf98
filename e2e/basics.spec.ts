import { expect, test } from '@playwright/test';
import { openLab, stepCount, waitForSteps } from './helpers';

test('loads on the default preset and shows the backend', async ({ page }) => {
  await openLab(page);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('HKD Lab');
  await expect(page.getByTestId('backend')).toHaveText('Running on wasm');
  await expect(page.getByTestId('backend-reason')).toContainText('chosen by you');
  await expect(page.getByLabel('Teacher → student')).toHaveValue('cnn');
  await expect(page.getByLabel('Method', { exact: true })).toHaveValue('hkd');
  await expect(page.getByTestId('step')).toHaveText('Step 0');
});

test('play advances the counter and the charts; pause stops it; step once adds exactly one', async ({ page }) => {
  await openLab(page);
  const points = page.getByTestId('chart-loss').locator('[data-points]');
  await expect(points).toHaveAttribute('data-points', '0');
  await page.getByTestId('play').click();
  await waitForSteps(page, 5);
  await expect.poll(async () => Number(await points.getAttribute('data-points'))).toBeGreaterThan(0);
  await expect(page.getByTestId('rate')).not.toHaveText('0.0 steps/s');

  await page.getByTestId('play').click(); // pause
  await expect(page.getByTestId('run-state')).toHaveText('paused');
  const paused = await stepCount(page);
  await page.waitForTimeout(1500);
  expect(await stepCount(page)).toBe(paused);

  await page.getByTestId('step-once').click();
  await expect(page.getByTestId('step')).toHaveText(`Step ${paused + 1}`);
  await page.waitForTimeout(800);
  expect(await stepCount(page)).toBe(paused + 1);
});

test('Space toggles play, but not while typing in an input', async ({ page }) => {
  await openLab(page);
  await page.locator('body').click({ position: { x: 5, y: 400 } });
  await page.keyboard.press('Space');
  await expect(page.getByTestId('run-state')).toHaveText('running');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('run-state')).toHaveText('paused');
  await page.getByTestId('hot-lr').focus();
  await page.keyboard.press('Space');
  await page.waitForTimeout(500);
  await expect(page.getByTestId('run-state')).toHaveText('paused');
});
