// A tab that crashes mid-run: the next page load offers to continue that run from its last save,
// in place; a reload (a clean goodbye) offers nothing.
import { expect, test, type Page } from '@playwright/test';
import { openLab, stepCount, waitForSteps } from './helpers';

const savedStep = async (page: Page) => Number((await page.getByTestId('save-status').textContent())?.match(/saved at step (\d+)/)?.[1] ?? -1);

test('after a tab crash the next load offers to continue the interrupted run from its last save', async ({ page }) => {
  await openLab(page, 'seed=5');
  await page.getByTestId('play').click();
  await expect.poll(() => savedStep(page), { timeout: 90_000 }).toBeGreaterThanOrEqual(5);
  const crashed = page.waitForEvent('crash');
  const cdp = await page.context().newCDPSession(page);
  void cdp.send('Page.crash').catch(() => {}); // the session dies with the renderer
  await crashed;

  const next = await page.context().newPage();
  await openLab(next);
  const offer = next.getByTestId('interrupted-offer');
  await expect(offer).toContainText(/closed unexpectedly while “.*seed 5” was training/);
  const listed = Number((await offer.getByRole('button', { name: /Continue from the last save/ }).textContent())!.match(/step (\d+)/)![1]);
  expect(listed).toBeGreaterThanOrEqual(5);
  await offer.getByRole('button', { name: /Continue from the last save/ }).click();
  await expect(offer).toHaveCount(0);
  await expect(next.getByTestId('run-state')).toHaveText('paused', { timeout: 90_000 });
  await expect.poll(() => stepCount(next), { timeout: 60_000 }).toBe(listed);
  await next.getByTestId('play').click();
  await waitForSteps(next, listed + 3);

  // This page now trains it; a reload is a clean goodbye, not a crash.
  await next.reload();
  await expect(next.getByTestId('run-state')).toHaveText('paused', { timeout: 90_000 });
  await next.waitForTimeout(1000); // the offer would show after the lock query
  await expect(next.getByTestId('interrupted-offer')).toHaveCount(0);
});
