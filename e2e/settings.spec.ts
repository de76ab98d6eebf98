import { expect, test } from '@playwright/test';
import { openLab, stepCount, waitForSteps } from './helpers';

test('a learning-rate change mid-run is confirmed by the worker and marked on the charts', async ({ page }) => {
  await openLab(page);
  await page.getByTestId('play').click();
  await waitForSteps(page, 3);
  // The learning-rate chart shows the effective rate: the cosine schedule on the base 0.05, so
  // just under 0.05 this early in a 2,000-step run.
  const lrRow = page.getByTestId('chart-lr').locator('tbody tr').first();
  await expect(lrRow.locator('td').last()).toHaveText(/^0\.0(49\d|500)$/);
  await expect(page.getByTestId('chart-lr').locator('path.recharts-line-curve').first()).toBeVisible();
  const lr = page.getByTestId('hot-lr');
  await lr.fill('0.02');
  await lr.press('Enter');
  await expect(page.getByTestId('edit-status')).toHaveText(/Worker confirmed lr = 0\.02 from step \d+\./);
  const at = Number((await page.getByTestId('edit-status').textContent())!.match(/step (\d+)/)![1]);
  expect(at).toBeGreaterThanOrEqual(3);
  await waitForSteps(page, at + 3);
  await expect(page.getByTestId('chart-loss').locator('.recharts-reference-line')).toHaveCount(1);
  await expect(page.getByTestId('chart-loss').getByText('lr=0.02')).toBeVisible();
  // The edit set the schedule's base value: the effective rate follows it.
  await expect(lrRow.locator('td').last()).toHaveText(/^0\.0(19\d|200)$/);
  await expect(lr).toHaveValue('0.02');
});

test('an invalid input is refused with a message and never sent', async ({ page }) => {
  await openLab(page);
  const lr = page.getByTestId('hot-lr');
  await lr.fill('fast');
  await lr.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'learning rate: "fast" is not a number' })).toBeVisible();
  await expect(lr).toHaveAttribute('aria-invalid', 'true');
  await lr.fill('5');
  await lr.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'out of range' })).toBeVisible();
  await expect(page.getByTestId('edit-status')).toHaveText('');
  const seed = page.getByTestId('cold-seed');
  await seed.fill('1.5');
  await seed.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'seed: 1.5 must be a whole number' })).toBeVisible();
  await expect(page.getByRole('dialog')).toBeHidden();
});

test('a cold change asks before it resets', async ({ page }) => {
  await openLab(page);
  await page.getByTestId('step-once').click();
  await expect(page.getByTestId('step')).toHaveText('Step 1');
  await page.getByLabel('Method', { exact: true }).selectOption('kd');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Reset the run?');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('Method', { exact: true })).toHaveValue('hkd');
  await expect(page.getByTestId('step')).toHaveText('Step 1');

  await page.getByLabel('Method', { exact: true }).selectOption('kd');
  await dialog.getByRole('button', { name: 'Reset and apply' }).click();
  await expect(page.getByTestId('run-state')).toHaveText('paused', { timeout: 60_000 });
  await expect(page.getByLabel('Method', { exact: true })).toHaveValue('kd');
  await expect(page.getByTestId('step')).toHaveText('Step 0');
  expect(await stepCount(page)).toBe(0);
});
