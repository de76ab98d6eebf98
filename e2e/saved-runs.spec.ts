import { expect, test, type Page } from '@playwright/test';
import { openLab, stepCount, waitForSteps } from './helpers';

const savedStep = async (page: Page) => Number((await page.getByTestId('save-status').textContent())?.match(/saved at step (\d+)/)?.[1] ?? -1);

test('reload mid-run: the run is found again in the saved runs and resumes from its last save', async ({ page }) => {
  await openLab(page);
  await page.getByTestId('play').click();
  // Saves happen every few seconds while training: wait for one well into the run.
  await expect.poll(() => savedStep(page), { timeout: 90_000 }).toBeGreaterThanOrEqual(10);
  const saved = await savedStep(page);
  const pointsBefore = Number(await page.getByTestId('chart-loss').locator('[data-points]').getAttribute('data-points'));
  await page.reload(); // mid-run: no pause, no goodbye

  await expect(page.getByTestId('run-state')).toHaveText('paused', { timeout: 90_000 });
  const item = page.getByTestId('saved-run').filter({ hasNotText: 'training now' });
  await expect(item).toHaveCount(1);
  const listed = Number((await item.getByTestId('saved-run-step').textContent())?.match(/step (\d+)/)?.[1]);
  expect(listed).toBeGreaterThanOrEqual(saved);
  await item.getByRole('button', { name: /^Reopen/ }).click();

  // The run is back at its saved step, with its curve, and trains on from there.
  await expect(page.getByTestId('run-state')).toHaveText('paused', { timeout: 90_000 });
  await expect.poll(() => stepCount(page), { timeout: 60_000 }).toBe(listed);
  expect(listed).toBeGreaterThan(0);
  await expect.poll(async () => Number(await page.getByTestId('chart-loss').locator('[data-points]').getAttribute('data-points'))).toBeGreaterThanOrEqual(Math.min(pointsBefore, listed) - 1);
  await page.getByTestId('play').click();
  await waitForSteps(page, listed + 3);
  // It keeps saving into the same record: one saved run, now the one training.
  await expect(page.getByTestId('saved-run').filter({ hasText: 'training now' })).toHaveCount(1);
});

test('saved runs can be renamed, compared two at a time, and deleted', async ({ page }) => {
  await openLab(page, 'seed=3');
  await page.getByTestId('step-once').click();
  await page.getByTestId('step-once').click();
  await expect(page.getByTestId('save-status')).toContainText('saved at step', { timeout: 30_000 });
  // A second run: a cold change (the method) keeps the first in the list.
  await page.getByLabel('Method', { exact: true }).selectOption('kd');
  await page.getByRole('dialog').getByRole('button', { name: 'Reset and apply' }).click();
  await expect(page.getByTestId('run-state')).toHaveText('paused', { timeout: 90_000 });
  await page.getByTestId('step-once').click();
  await expect(page.getByTestId('saved-run')).toHaveCount(2, { timeout: 30_000 });
  // A few more steps; pausing saves them.
  await page.getByTestId('play').click();
  await waitForSteps(page, 4);
  await page.getByTestId('play').click();
  await expect(page.getByTestId('run-state')).toHaveText('paused');
  await expect(page.getByTestId('save-status')).toHaveText(new RegExp(`saved at step ${await stepCount(page)}\\.`));

  const old = page.getByTestId('saved-run').filter({ hasNotText: 'training now' });
  await old.getByRole('button', { name: /^Rename/ }).click();
  await old.getByRole('textbox').fill('first run');
  await old.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByTestId('saved-run-name').filter({ hasText: 'first run' })).toHaveCount(1);

  for (const r of await page.getByTestId('saved-run').all()) await r.getByLabel('compare').check();
  await page.getByRole('button', { name: 'Compare the two picked runs' }).click();
  const chart = page.getByRole('region', { name: 'Saved runs compared' });
  await expect(chart).toContainText('first run: loss');
  const current = await page.getByTestId('saved-run').filter({ hasText: 'training now' }).getByTestId('saved-run-name').textContent();
  await expect(chart).toContainText(`${current}: loss`);
  // Both loss curves are drawn (no evaluation yet at step 2, so no accuracy dots).
  await expect(chart.locator('.recharts-line path.recharts-curve')).toHaveCount(2);
  // Two y axes, titled: loss on the left, accuracy on the right; and the one-seed caveat.
  await expect(chart.locator('.recharts-yAxis')).toHaveCount(2);
  await expect(chart.locator('.axis-title')).toHaveText(['step', 'total loss', 'test accuracy (%)']);
  await expect(chart.getByTestId('seed-note')).toContainText('may be noise');

  // The run training now cannot be deleted; the other one can, and stays deleted after a reload.
  await expect(page.getByTestId('saved-run').filter({ hasText: 'training now' }).getByRole('button', { name: /^Delete/ })).toBeDisabled();
  await page.getByRole('button', { name: 'Delete first run' }).click();
  await expect(page.getByTestId('saved-run-name').filter({ hasText: 'first run' })).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('run-state')).toHaveText('paused', { timeout: 90_000 });
  await expect(page.getByTestId('saved-run-name').filter({ hasText: 'first run' })).toHaveCount(0);
});
