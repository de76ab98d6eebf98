// Keyboard: Space never both clicks a focused button and toggles play; Enter in a cold field opens
// the confirmation focused on the dialog itself; the probe gallery is one tab stop; a skip link.
import { expect, test, type Page } from '@playwright/test';
import { openLab, stepCount, waitForSteps } from './helpers';

const dialog = (page: Page) => page.getByTestId('confirm-dialog');

test('Space after clicking a lesson button toggles play and does not click the lesson again', async ({ page }) => {
  await openLab(page);
  const lesson = page.getByRole('button', { name: 'Watch HKD at work' });
  await lesson.click(); // at step 0 a lesson starts (and plays) at once
  await expect(page.getByTestId('run-state')).toHaveText('running', { timeout: 60_000 });
  await waitForSteps(page, 2);
  await expect(lesson).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('run-state')).toHaveText('paused');
  await expect(dialog(page)).toBeHidden();
  const at = await stepCount(page);
  expect(at).toBeGreaterThanOrEqual(2); // the run went on: the lesson did not restart it
  await page.keyboard.press('Space');
  await expect(page.getByTestId('run-state')).toHaveText('running');
  await expect(dialog(page)).toBeHidden();
  await expect(lesson).toBeFocused();
});

test('Space on a button reached with the keyboard activates that button only', async ({ page }) => {
  await openLab(page);
  await page.getByTestId('step-once').focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('step')).toHaveText('Step 1');
  await page.waitForTimeout(800);
  await expect(page.getByTestId('run-state')).toHaveText('paused');
  expect(await stepCount(page)).toBe(1);
});

test('Enter in the seed field opens the dialog focused on itself; the field shows what the run uses', async ({ page }) => {
  await openLab(page);
  await page.getByTestId('step-once').click();
  await expect(page.getByTestId('step')).toHaveText('Step 1');
  const seed = page.getByTestId('cold-seed');
  await expect(seed).toHaveValue('1');
  await seed.fill('7');
  await seed.press('Enter');
  await expect(dialog(page)).toBeVisible();
  await expect(dialog(page)).toContainText('seed to 7');
  await expect(dialog(page)).toBeFocused();
  await page.waitForTimeout(300); // the same keystroke must not have answered it
  await expect(dialog(page)).toBeVisible();
  await expect(seed).toHaveValue('1');
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toBeHidden();
  await expect(seed).toHaveValue('1');
  await expect(page.getByTestId('step')).toHaveText('Step 1');

  await seed.fill('7');
  await seed.press('Enter');
  await dialog(page).getByRole('button', { name: 'Reset and apply' }).click();
  await expect(page.getByTestId('run-state')).toHaveText('paused', { timeout: 60_000 });
  await expect(page.getByTestId('step')).toHaveText('Step 0');
  await expect(seed).toHaveValue('7');
});

test('the probe gallery is one tab stop; arrow keys move inside it', async ({ page }) => {
  await openLab(page);
  const gallery = page.getByRole('list', { name: 'Probe images' });
  await expect(gallery.getByRole('button')).toHaveCount(16);
  // The first weights re-sort the gallery (lowest first); wait for them, so the order stays put.
  await expect(gallery.getByTestId('probe-weight').first()).toHaveText(/kd \d\.\d\d/);
  // The gallery's head ends with its export toolbar, one tab stop (the arrow keys move inside it);
  // the next stop is the gallery.
  const exports = page.getByRole('toolbar', { name: 'Export Probe gallery' });
  await exports.getByRole('button', { name: /data as CSV$/ }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(exports.getByRole('button', { name: /data as JSON$/ })).toBeFocused();
  expect(await exports.locator('button[tabindex="0"]').count()).toBe(1);
  await page.keyboard.press('Tab');
  const first = gallery.getByRole('button').first();
  await expect(first).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(gallery.getByRole('button').nth(1)).toBeFocused();
  await page.keyboard.press('End');
  await expect(gallery.getByRole('button').last()).toBeFocused();
  await page.keyboard.press('Home');
  await expect(first).toBeFocused();
  await page.keyboard.press('Tab');
  const inside = await gallery.evaluate((ul) => ul.contains(document.activeElement));
  expect(inside).toBe(false);
  expect(await gallery.locator('button[tabindex="0"]').count()).toBe(1);
});

test('a skip link leads to the charts', async ({ page }) => {
  await openLab(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the charts' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('#charts')).toBeFocused();
});

test('the default run has under 100 tab stops (the count is reported)', async ({ page }) => {
  await page.goto('/?backend=wasm');
  await expect(page.getByTestId('run-state')).toHaveText('paused', { timeout: 90_000 });
  const seen = new Set<string>();
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => {
      const a = document.activeElement as (HTMLElement & { __tabId?: number }) | null;
      if (!a || a === document.body) return 'body';
      const w = window as unknown as { __tabN?: number };
      a.__tabId ??= w.__tabN = (w.__tabN ?? 0) + 1;
      return String(a.__tabId);
    });
    if (id === 'body' || seen.has(id)) break;
    seen.add(id);
  }
  console.log(`tab stops: ${seen.size}`);
  // 138 before the gallery's 64 probes became one stop and the charts stopped being stops.
  expect(seen.size).toBeGreaterThan(10);
  expect(seen.size).toBeLessThan(100);
});
