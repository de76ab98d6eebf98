import { expect, test, type Page } from '@playwright/test';
import { openLab, stepCount, waitForSteps } from './helpers';

/** Enters a live setting and waits for the worker to confirm it. */
async function setHot(page: Page, testId: string, value: string) {
  const field = page.getByTestId(testId);
  await field.fill(value);
  await field.press('Enter');
  const short = testId === 'hot-lr' ? 'lr' : `β${testId.replace('hot-beta-', '')}`;
  await expect(page.getByTestId('edit-status')).toHaveText(new RegExp(`Worker confirmed ${short} = ${value} from step`));
}

const BLOW_UP: [string, string][] = [['hot-lr', '2'], ['hot-beta-kd', '10000'], ['hot-beta-fitnet', '10000'], ['hot-beta-at', '10000']];
// The HKD defaults (src/core/settings/coefficients.ts).
const SANE: [string, string][] = [['hot-lr', '0.05'], ['hot-beta-kd', '0.9'], ['hot-beta-fitnet', '1'], ['hot-beta-at', '100']];

/** The loss chart's latest values (its screen-reader table): every one must be a finite, sane number. */
async function latestLosses(page: Page): Promise<{ step: number; value: number }[]> {
  const rows = page.getByTestId('chart-loss').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  return rows.evaluateAll((trs) => trs.map((tr) => {
    const td = tr.querySelectorAll('td');
    return { step: Number(td[0].textContent), value: Number(td[1].textContent) };
  }));
}

async function expectSaneLosses(page: Page, atMostStep: number) {
  await expect.poll(async () => (await latestLosses(page)).every((r) => r.step <= atMostStep)).toBe(true);
  for (const r of await latestLosses(page)) {
    expect(Number.isFinite(r.value), `loss ${r.value} at step ${r.step}`).toBe(true);
    // Blown-up steps measure 1e5 and more; a healthy student stays in single digits.
    expect(r.value).toBeLessThan(1000);
  }
}

test('a run blown up by lr 2 and β 10,000 rolls back to its last healthy step, is saved there, and trains on once the settings are lowered (also after a reopen)', async ({ page }) => {
  test.setTimeout(600_000);
  await openLab(page);
  await page.getByTestId('play').click();
  await waitForSteps(page, 3);
  // Paused while the values go in, so all four hold before the next step (the message names them).
  await page.getByTestId('play').click();
  await expect(page.getByTestId('run-state')).toHaveText('paused');
  for (const [id, v] of BLOW_UP) await setHot(page, id, v);
  await page.getByTestId('play').click();

  // It diverges within a few steps and pauses with the message.
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText('Training diverged at step', { timeout: 120_000 });
  await expect(page.getByTestId('run-state')).toHaveText('paused');
  const text = (await notice.textContent())!;
  const divergedAt = Number(text.match(/diverged at step (\d+)/)![1]);
  const back = Number(text.match(/rolled back to step (\d+)/)![1]);
  expect(text).toMatch(/Lower the learning rate \(now 2\) or the hint scales β \(now kd 10000, fitnet 10000, at 10000\)/);
  expect(back).toBeLessThan(divergedAt);
  // The last good state is the one shown: the step count and the charts end at it, with no NaN.
  await expect.poll(() => stepCount(page)).toBe(back);
  await expectSaneLosses(page, back);
  // The saved run holds that state, not one saved during the blow-up.
  await expect(page.getByTestId('save-status')).toContainText(`saved at step ${back}`, { timeout: 30_000 });

  // Lower the settings and continue: past the divergence with finite losses.
  for (const [id, v] of SANE) await setHot(page, id, v);
  await page.getByTestId('play').click();
  await waitForSteps(page, divergedAt + 5, 180_000);
  // Still running, and the notice is the first one (kept until dismissed), not a new divergence.
  await expect(page.getByTestId('run-state')).toHaveText('running');
  await expect(notice).toHaveText(text);
  await expectSaneLosses(page, Number.MAX_SAFE_INTEGER);
  await page.getByTestId('play').click(); // it pauses
  await expect(page.getByTestId('run-state')).toHaveText('paused');

  // Reopening the run saved at the rollback continues from the healthy state too.
  await page.getByTestId('play').click();
  for (const [id, v] of BLOW_UP) await setHot(page, id, v);
  await expect.poll(async () => (await notice.textContent()) !== text && /rolled back to step/.test((await notice.textContent()) ?? ''), { timeout: 120_000 }).toBe(true);
  const back2 = Number((await notice.textContent())!.match(/rolled back to step (\d+)/)![1]);
  expect(back2).toBeGreaterThan(divergedAt);
  await expect(page.getByTestId('save-status')).toContainText(`saved at step ${back2}`, { timeout: 30_000 });
  await page.reload();
  await expect(page.getByTestId('run-state')).toHaveText('paused', { timeout: 90_000 });
  const item = page.getByTestId('saved-run').filter({ hasNotText: 'training now' });
  await expect(item).toHaveCount(1);
  await item.getByRole('button', { name: /^Reopen/ }).click();
  await expect(page.getByTestId('run-state')).toHaveText('paused', { timeout: 90_000 });
  await expect.poll(() => stepCount(page), { timeout: 60_000 }).toBe(back2);
  for (const [id, v] of SANE) await setHot(page, id, v);
  await page.getByTestId('play').click();
  await waitForSteps(page, back2 + 10, 180_000);
  console.log(`diverged at step ${divergedAt}, rolled back to ${back}; again at ${back2}, reopened there and trained to ${await stepCount(page)}`);
  await expect(page.getByTestId('run-state')).toHaveText('running');
  await expect(page.getByTestId('notice').filter({ hasText: 'diverged' })).toHaveCount(0);
  await expectSaneLosses(page, Number.MAX_SAFE_INTEGER);
});
