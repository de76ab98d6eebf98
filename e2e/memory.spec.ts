// A batch that would not fit in memory is refused before anything is allocated, with the figure
// and a batch size that fits; the current run goes on untouched. The budget is lowered through
// the test hook so that a refusal can be tried on a machine with plenty of memory.
import { expect, test } from '@playwright/test';
import { openLab, waitForSteps } from './helpers';

test('a batch size that would not fit: refused with the figure and a smaller batch; the run in place goes on', async ({ page }) => {
  await openLab(page);
  await page.getByTestId('step-once').click();
  await page.getByTestId('step-once').click();
  await expect(page.getByTestId('step')).toHaveText('Step 2');
  await page.evaluate(() => window.__hkdLab!.setMemoryBudget!(300 * 2 ** 20));

  const batch = page.getByTestId('cold-batchSize');
  await batch.fill('512');
  await batch.press('Enter');
  await page.getByRole('dialog').getByRole('button', { name: 'Reset and apply' }).click();
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText(/This configuration needs about [\d.]+ [MG]B of memory \(a batch of 512 images takes \d+ MB\), more than the wasm backend can safely use here \(about 300 MB\)/, { timeout: 60_000 });
  await expect(notice).toContainText(/Lower the batch size to \d+ or less.*the current run is unchanged/);
  const fits = Number((await notice.textContent())!.match(/batch size to (\d+) or less/)![1]);
  expect(fits).toBeGreaterThanOrEqual(2);
  expect(fits).toBeLessThan(512);
  // The run in place is the one that was there: same step, same batch size, and it trains.
  await expect(page.getByTestId('run-state')).toHaveText('paused');
  await expect(page.getByTestId('step')).toHaveText('Step 2');
  await expect(batch).toHaveValue('8');
  await page.getByTestId('play').click();
  await waitForSteps(page, 5);
  await page.getByTestId('play').click();

  // The suggested batch size starts.
  await batch.fill(String(fits));
  await batch.press('Enter');
  await page.getByRole('dialog').getByRole('button', { name: 'Reset and apply' }).click();
  await expect(page.getByTestId('step')).toHaveText('Step 0', { timeout: 60_000 });
  await expect(page.getByTestId('run-state')).toHaveText('paused', { timeout: 60_000 });
  await expect(batch).toHaveValue(String(fits));
  await page.getByTestId('step-once').click();
  await expect(page.getByTestId('step')).toHaveText('Step 1', { timeout: 60_000 });
});
