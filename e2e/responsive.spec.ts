import { expect, test } from '@playwright/test';
import { longTasks, observeLongTasks, openLab, waitForSteps } from './helpers';

test('the main thread stays responsive over 20 s of training at full chart rate', async ({ page }) => {
  test.setTimeout(120_000);
  // Compare mode (two runs) draws the most lines; tiny batches give the most metric chunks.
  await openLab(page, 'compare=kd,hkd');
  await observeLongTasks(page);
  const before = await page.evaluate(() => window.__hkdLab!.chartRefreshes);
  await page.getByTestId('play').click();
  await waitForSteps(page, 2);
  await page.waitForTimeout(20_000);
  const tasks = await longTasks(page);
  const refreshes = await page.evaluate(() => window.__hkdLab!.chartRefreshes);
  console.log(`long tasks: ${tasks.length}, max ${Math.max(0, ...tasks).toFixed(0)} ms; chart refreshes ${refreshes - before} in ~20 s`);
  expect(Math.max(0, ...tasks)).toBeLessThan(200);
  expect(refreshes - before).toBeGreaterThan(40);
});
