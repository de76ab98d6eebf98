import { expect, test, type Page } from '@playwright/test';
import { gzipBomb } from '../src/core/data/deflate-bomb.test-util';
import { cifarRecords } from '../src/core/import/fixtures.test-util';
import { openLab, stepCount, waitForSteps } from './helpers';

type Way = 'close' | 'terminate' | 'throw' | 'reject';
interface Death {
  saves: { at: number; step: number }[];
  killAt: number;
  noticeAt: number;
  /** The silence the watchdog allowed when the worker was killed. */
  deadline: number;
}
const savedStep = async (page: Page) => Number((await page.getByTestId('save-status').textContent())?.match(/saved at step (\d+)/)?.[1] ?? -1);

/**
 * Records in the page (performance.now): each save the page is told of, and when the worker-gone
 * notice appears. Once a save at step `killAfter` or later is shown, kills the training worker
 * right away, so no save is in flight when it dies (the step it resumes at is then exactly the
 * last one reported).
 */
async function armKill(page: Page, way: Way, killAfter: number) {
  await page.evaluate(({ way, killAfter }) => {
    const w = window as unknown as { __death: Death };
    const lab = window.__hkdLab!.trainingWorker!;
    w.__death = { saves: [], killAt: 0, noticeAt: 0, deadline: 0 };
    const d = w.__death;
    new MutationObserver(() => {
      const step = Number(document.querySelector('[data-testid="save-status"]')?.textContent?.match(/saved at step (\d+)/)?.[1] ?? -1);
      if (step >= 0 && step !== d.saves.at(-1)?.step) {
        d.saves.push({ at: performance.now(), step });
        if (!d.killAt && step >= killAfter) {
          d.killAt = performance.now();
          d.deadline = lab.deadlineMs();
          if (way === 'terminate') lab.terminate();
          else lab.kill(way);
        }
      }
      if (d.killAt && !d.noticeAt && document.querySelector('[data-testid="notice"]')?.textContent?.includes('The training worker is gone')) d.noticeAt = performance.now();
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  }, { way, killAfter });
}

const deathTimes = (page: Page) => page.evaluate(() => (window as unknown as { __death: Death }).__death);

for (const [way, how, cause] of [
  ['close', 'the worker calls self.close()', /stopped answering \(no sign of life for \d+\.\d s\); the browser may have closed it/],
  ['terminate', 'the page terminates the worker', /stopped answering \(no sign of life for \d+\.\d s\); the browser may have closed it/],
  ['throw', 'an uncaught error in the worker', /simulated uncaught error \(debug command\)/],
  ['reject', 'an unhandled rejection in the worker', /it reported an unhandled promise rejection: simulated unhandled rejection \(debug command\)/],
] as const) {
  test(`${how}: the page says so within 5 s, stops the run, and continues from the last save with nothing lost past it`, async ({ page }) => {
    await openLab(page);
    await armKill(page, way, 8);
    await page.getByTestId('play').click();
    await waitForSteps(page, 8, 90_000);

    const notice = page.getByTestId('notice');
    // Killed right after the page showed a save at step 8 or later; its notice follows within 5 s.
    await expect.poll(async () => (await deathTimes(page)).killAt, { timeout: 60_000 }).toBeGreaterThan(0);
    await expect(notice).toContainText('The training worker is gone', { timeout: 5_000 });
    const t = await deathTimes(page);
    expect(t.noticeAt - t.killAt).toBeLessThan(5_000);
    await expect(notice).toContainText(cause);
    await expect(page.getByTestId('run-state')).toHaveText('stopped');
    await expect(page.getByTestId('play')).toBeDisabled();
    const stepAtDeath = await stepCount(page);
    const reported = await savedStep(page);
    expect(reported).toBe(t.saves.at(-1)!.step);
    expect(reported).toBeGreaterThanOrEqual(8);
    // The button offers the last save in storage: the last one reported, or one that landed after
    // it (the worker died before it could say so; with the timer-based kills it trains on a while).
    const button = notice.getByRole('button', { name: /^Continue from the last save \(step \d+\)$/ });
    const offered = Number((await button.textContent())?.match(/step (\d+)/)?.[1]);
    expect(offered).toBeGreaterThanOrEqual(reported);
    expect(offered).toBeLessThanOrEqual(stepAtDeath);
    const gaps = t.saves.slice(1).map((s, i) => Math.round(s.at - t.saves[i].at));
    console.log(`${way}: notice ${Math.round(t.noticeAt - t.killAt)} ms after the kill (watchdog deadline then ${Math.round(t.deadline)} ms); died at step ${stepAtDeath}, last save reported ${reported}, offered ${offered}; gaps between saves (ms) ${gaps.join(', ')}`);

    // No reload: a new worker reopens the saved run at the offered step, into the same record.
    await button.click();
    await expect(page.getByTestId('run-state')).toHaveText('paused', { timeout: 90_000 });
    expect(await stepCount(page)).toBe(offered);
    await expect(page.getByTestId('notice')).toHaveCount(0);
    // The curve came back with the record (its series up to the save).
    expect(Number(await page.getByTestId('chart-loss').locator('[data-points]').getAttribute('data-points'))).toBeGreaterThan(0);
    await page.getByTestId('play').click();
    await waitForSteps(page, offered + 3);
    await expect(page.getByTestId('saved-run')).toHaveCount(1);
    await expect(page.getByTestId('saved-run').filter({ hasText: 'training now' })).toHaveCount(1);
  });
}

test('a training worker that dies before its first save offers a fresh start with the same settings', async ({ page }) => {
  await openLab(page, 'seed=7');
  await page.evaluate(() => window.__hkdLab!.trainingWorker!.kill('reject'));
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText('Nothing was saved yet', { timeout: 5_000 });
  await notice.getByRole('button', { name: 'Start again with the same settings' }).click();
  await expect(page.getByTestId('run-state')).toHaveText('paused', { timeout: 90_000 });
  expect(await stepCount(page)).toBe(0);
  await expect(page.getByTestId('cold-seed')).toHaveValue('7');
  await page.getByTestId('step-once').click();
  await waitForSteps(page, 1);
});

/**
 * A real drop on the page (as in import-limits.spec.ts). `kill`: the worker is killed in the same
 * task: 'terminate' right after the job is sent; the in-worker ways just before it, so the kill
 * message is ahead of the job in the worker's queue and the job never finishes (the import itself
 * is synchronous, so a kill queued behind it would land only after the job ended).
 */
async function drop(page: Page, name: string, bytes: Uint8Array, kill?: Way) {
  const url = `/e2e-files/${name}`;
  await page.route(`**${url}`, (route) => route.fulfill({ body: Buffer.from(bytes), contentType: 'application/octet-stream' }));
  await page.evaluate(async ({ name, url, kill }) => {
    const dt = new DataTransfer();
    dt.items.add(new File([await (await fetch(url)).blob()], name));
    const w = window.__hkdLab!.importWorker!;
    if (kill && kill !== 'terminate') w.kill(kill);
    document.querySelector('[data-testid="drop-zone"]')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    if (kill === 'terminate') w.terminate();
  }, { name, url, kill });
}

test('an import worker that dies mid-job fails that job plainly, and the next import works in a new worker', async ({ page }) => {
  // A gzip bomb takes the import worker seconds to refuse: a job long enough to kill mid-way.
  const slow = gzipBomb(4097);
  await openLab(page);
  let good = 0;
  const goodImport = async () => {
    await drop(page, `data_batch_${++good}.bin`, cifarRecords('cifar10', 50, good).bin);
    await expect(page.getByTestId('import-done')).toContainText('40 training and 10 test images, 10 classes, 32×32×3', { timeout: 30_000 });
  };
  for (const [way, why] of [
    ['close', 'stopped answering (no sign of life for'],
    ['terminate', 'stopped answering (no sign of life for'],
    ['throw', 'an uncaught error: '],
    ['reject', 'an unhandled promise rejection: simulated unhandled rejection (debug command)'],
  ] as const) {
    // A worker that has done an import (the first one, or the new one after the last death).
    await goodImport();
    await drop(page, `slow-${way}.gz`, slow, way);
    const t0 = Date.now();
    const error = page.getByTestId('import-error');
    await expect(error).toContainText(`The import worker is gone: ${why}`, { timeout: 5_000 });
    console.log(`import worker (${way}): failed job shown ${Date.now() - t0} ms after the kill`);
    await expect(error).toContainText(`Nothing was imported from slow-${way}.gz. Import the files again to retry.`);
  }
  await goodImport(); // the next import works, in a new worker
  // The training run was never touched.
  await expect(page.getByTestId('run-state')).toHaveText('paused');
});
