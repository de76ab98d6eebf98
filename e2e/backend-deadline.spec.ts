// Start-up with a deadline, on a backend made slow on purpose: after some steps on wasm, a switch to
// webgl whose worker blocks (synchronously, like a long shader compile) right after posting its
// first warm-up pass. The page's clock keeps counting, offers wasm after the (shortened) deadline,
// and the run continues there from the step it had. Real software WebGPU is not used: it takes
// minutes here (backends.spec.ts covers it).
import { expect, test } from '@playwright/test';
import { openLab, stepCount, waitForSteps } from './helpers';

const secondsSoFar = async (text: Promise<string | null>) => Number(/(\d+) s so far/.exec((await text) ?? '')?.[1] ?? NaN);

test('a slow backend is offered the next one after the deadline, and the run keeps its step count', async ({ page }) => {
  test.setTimeout(240_000);
  await openLab(page);
  await page.getByTestId('play').click();
  await waitForSteps(page, 6);

  // Every text the step counter shows from here on (it must never read "Step 0").
  await page.evaluate(() => {
    const w = window as unknown as { __stepTexts: string[] };
    const el = document.querySelector('[data-testid="step"]')!;
    w.__stepTexts = [el.textContent ?? ''];
    new MutationObserver(() => w.__stepTexts.push(el.textContent ?? '')).observe(el, { childList: true, characterData: true, subtree: true });
    window.__hkdLab!.startupDeadlineMs = 3000;
    window.__hkdLab!.stallStart = { backend: 'webgl', ms: 120_000 };
  });

  await page.locator('#backend-select').selectOption('webgl');
  await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Switch backend' }).click();
  // The switch pauses, checkpoints, then starts the new worker from that checkpoint.
  const runState = page.getByTestId('run-state');
  await expect(runState).toHaveText(/^Resuming on webgl from step \d+…$/);
  const from = Number(/from step (\d+)/.exec((await runState.textContent())!)![1]);
  expect(from).toBeGreaterThanOrEqual(6);
  expect(await stepCount(page)).toBe(from);

  // The worker posted its first pass and is now blocked; the page's seconds still move on.
  const progress = page.getByTestId('startup-progress');
  await expect(progress).toContainText('Compiling shaders for webgl: pass 1 of 2', { timeout: 60_000 });
  const s1 = await secondsSoFar(progress.textContent());
  await expect.poll(() => secondsSoFar(progress.textContent()), { timeout: 10_000 }).toBeGreaterThan(s1);

  const offer = page.getByTestId('startup-offer');
  await expect(offer).toContainText(`webgl has not finished a step in 3 s; switch to wasm? The run continues from step ${from}.`);
  // Keep waiting: the offer goes, and comes back one deadline (3 s) after the click.
  const atClick = await secondsSoFar(progress.textContent());
  await page.getByTestId('startup-wait').click();
  await expect(offer).toHaveCount(0);
  await expect(offer).toContainText(/webgl has not finished a step in \d+ s; switch to wasm\?/, { timeout: 15_000 });
  expect(Number(/in (\d+) s/.exec((await offer.textContent())!)![1])).toBeGreaterThanOrEqual(atClick + 3);
  expect(await stepCount(page)).toBe(from);

  // wasm is not made slow: its start gets the real deadline again (the override is read per start).
  await page.evaluate(() => void (window.__hkdLab!.startupDeadlineMs = undefined));
  await page.getByTestId('startup-switch').click();
  await expect(page.getByTestId('backend')).toHaveText('Running on wasm', { timeout: 90_000 });
  await expect(runState).toHaveText('paused', { timeout: 90_000 });
  expect(await stepCount(page)).toBe(from);
  await expect(offer).toHaveCount(0);

  await page.getByTestId('play').click();
  await waitForSteps(page, from + 3);
  // The first step on wasm ended the start-up: no progress line, no offer.
  await expect(progress).toHaveCount(0);
  await expect(offer).toHaveCount(0);
  const texts = await page.evaluate(() => (window as unknown as { __stepTexts: string[] }).__stepTexts);
  expect(texts.length).toBeGreaterThan(1);
  const shown = texts.map((t) => Number(/^Step (\d+)$/.exec(t)?.[1] ?? NaN));
  expect(shown.every((n, i) => n > 0 && (i === 0 || n >= shown[i - 1])), `step counter read: ${texts.join(', ')}`).toBe(true);
  expect(shown).toContain(from);
});
