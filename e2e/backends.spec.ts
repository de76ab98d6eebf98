import { expect, test } from '@playwright/test';
import { openLab, stepCount, waitForSteps } from './helpers';

test('the WebGPU path runs a few steps on the software adapter', async ({ page }) => {
  test.setTimeout(360_000);
  await openLab(page, '', 'webgpu');
  await expect(page.getByTestId('backend')).toHaveText('Running on webgpu');
  await expect(page.getByTestId('backend-reason')).toContainText('fallback');
  await page.getByTestId('play').click();
  await expect
    .poll(async () => (await page.getByTestId('notice').count()) > 0 || (await stepCount(page)) >= 3, { timeout: 150_000 })
    .toBe(true);
  expect(await page.getByTestId('notice').count()).toBe(0);
});

test('a lost WebGPU device stops with a message and resumes on another backend', async ({ page }) => {
  test.setTimeout(360_000);
  await openLab(page, 'debug=1', 'webgpu');
  await expect(page.getByTestId('backend')).toHaveText('Running on webgpu');
  await page.getByTestId('simulate-lost-device').click();
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText('The webgpu backend failed');
  await expect(notice).toContainText('device was lost');
  await expect(page.getByTestId('run-state')).toHaveText('stopped');
  await notice.getByRole('button', { name: /Continue on wasm from (step \d+|the start)/ }).click();
  await expect(page.getByTestId('backend')).toHaveText('Running on wasm', { timeout: 60_000 });
  await expect(page.getByTestId('run-state')).toHaveText('paused', { timeout: 60_000 });
  const resumedAt = await stepCount(page);
  expect(resumedAt).toBeGreaterThanOrEqual(0);
  await page.getByTestId('play').click();
  await waitForSteps(page, resumedAt + 3);
});
