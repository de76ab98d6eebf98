// Storage that cannot save says so, whatever the cause, and what was saved before survives:
// a full quota (Chromium's per-origin quota override, 1 byte), a database this lab cannot open
// (one left at a newer version), and the persistence the browser granted.
import { expect, test, type Page } from '@playwright/test';
import { openLab, stepCount, waitForSteps } from './helpers';

const savedStep = async (page: Page) => Number((await page.getByTestId('save-status').textContent())?.match(/saved at step (\d+)/)?.[1] ?? -1);
const listedStep = async (page: Page) => Number((await page.getByTestId('saved-run-step').first().textContent())?.match(/step (\d+)/)?.[1] ?? -1);

test('a full quota: a plain message, training goes on, the last save survives a reload, and saving resumes once there is room', async ({ page, baseURL }) => {
  await openLab(page);
  await page.getByTestId('play').click();
  await expect.poll(() => savedStep(page), { timeout: 90_000 }).toBeGreaterThanOrEqual(3);
  const cdp = await page.context().newCDPSession(page);
  const origin = new URL(baseURL!).origin;
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
  // Chromium applies the override at its next quota check, a few saves later.
  await expect(page.getByTestId('save-problem')).toContainText(/storage for this site is full.*last saved checkpoint is kept.*Delete old runs/, { timeout: 60_000 });
  const stepAtFull = await stepCount(page);
  // The problem message replaced the "saved at" line: the last good save is what the list says.
  const kept = await listedStep(page);
  expect(kept).toBeGreaterThanOrEqual(3);
  expect(kept).toBeLessThanOrEqual(stepAtFull);
  await waitForSteps(page, stepAtFull + 5); // training did not stop
  await page.getByTestId('play').click();
  await expect(page.getByTestId('run-state')).toHaveText('paused');

  await page.reload();
  await expect(page.getByTestId('run-state')).toHaveText('paused', { timeout: 90_000 });
  const old = page.getByTestId('saved-run').filter({ hasNotText: 'training now' });
  await expect(old).toHaveCount(1);
  await expect(old.getByTestId('saved-run-step')).toContainText(`step ${kept} `);

  // Room again: the reopened run saves past the old save.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  await old.getByRole('button', { name: /^Reopen/ }).click();
  await expect(page.getByTestId('run-state')).toHaveText('paused', { timeout: 90_000 });
  expect(await stepCount(page)).toBe(kept);
  await page.getByTestId('play').click();
  await expect.poll(() => savedStep(page), { timeout: 60_000 }).toBeGreaterThan(kept);
  await expect(page.getByTestId('save-problem')).toHaveCount(0);
});

test('a database this lab cannot open (left at a newer version): the cause and what to do, and training goes on', async ({ page }) => {
  // Any page of the lab's origin will do to leave the database at a version from the future.
  await page.goto('/icons/icon-192.png');
  await page.evaluate(() => new Promise<void>((resolve, reject) => {
    const r = indexedDB.open('hkd-lab', 99);
    r.onsuccess = () => { r.result.close(); resolve(); };
    r.onerror = () => reject(r.error);
  }));
  await openLab(page);
  await page.getByTestId('play').click();
  await expect(page.getByTestId('save-problem')).toContainText(/written by a newer version of HKD Lab.*export a run file/, { timeout: 60_000 });
  await expect(page.getByTestId('runs-panel')).toContainText(/Could not read the saved runs and datasets: The browser's storage for this site was written by a newer version/);
  const step = await stepCount(page);
  await waitForSteps(page, step + 5);
});

test('after the first save, the panel says whether the browser keeps the storage, as the browser reports it', async ({ page }) => {
  await openLab(page);
  await expect(page.getByTestId('storage-mode')).toHaveCount(0); // nothing saved yet: nothing asked
  await page.getByTestId('step-once').click();
  await expect(page.getByTestId('save-status')).toContainText('saved at step 1', { timeout: 30_000 });
  const persisted = await page.evaluate(() => navigator.storage.persisted());
  await expect(page.getByTestId('storage-mode')).toContainText(persisted ? /^Storage is persistent/ : /^Storage is best-effort.*Export a run file/);
  await expect(page.getByTestId('storage-mode')).toContainText(/MB used of .* allowed/);
});
