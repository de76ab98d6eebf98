// The shell around the charts: the first-visit primer, and top-bar items hidden by the address.
import { expect, test } from '@playwright/test';
import { openLab } from './helpers';

test('the primer shows on a first visit, stays dismissed after a reload, and "What is this?" opens it again', async ({ page }) => {
  await openLab(page);
  const primer = page.getByRole('region', { name: 'New here? Four words first' });
  await expect(primer).toBeVisible();
  for (const word of ['teacher', 'student', 'hint', 'meta-weight']) await expect(primer.locator('strong', { hasText: new RegExp(`^${word}$`) })).toHaveCount(1);
  await expect(primer.getByRole('img')).toHaveAttribute('aria-label', /teacher.*student/);
  await primer.getByRole('button', { name: 'Got it' }).click();
  await expect(primer).toBeHidden();
  await page.reload();
  await expect(page.getByTestId('run-state')).toHaveText('paused', { timeout: 90_000 });
  await expect(page.getByTestId('primer')).toHaveCount(0);
  await page.getByRole('button', { name: 'What is this?' }).click();
  await expect(primer).toBeVisible();
  await expect(primer.getByRole('heading')).toBeFocused();
});

test('play, step, reset, the backend reason and chart exports can be hidden by the address', async ({ page }) => {
  await openLab(page);
  for (const id of ['play', 'step-once', 'reset', 'backend-reason']) await expect(page.getByTestId(id)).toHaveCount(1);
  await expect(page.getByRole('toolbar', { name: /^Export / }).first()).toBeVisible();

  await openLab(page, 'play_hide=1&step_hide=1&reset_hide=1&backendReason_hide=1&chartExport_hide=1');
  for (const id of ['play', 'step-once', 'reset', 'backend-reason']) await expect(page.getByTestId(id)).toHaveCount(0);
  await expect(page.getByRole('toolbar', { name: /^Export / })).toHaveCount(0);
  await expect(page.getByTestId('backend')).toHaveText('Running on wasm');
  // Space still plays without the button.
  await page.locator('body').press('Space');
  await expect(page.getByTestId('run-state')).toHaveText('running');
});
