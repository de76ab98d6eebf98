// The step-through of one HKD update: it visits every stage, the G it shows is the G the worker
// reported for that step, the run advances by exactly one step, and the page stays responsive.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { longTasks, observeLongTasks, openLab, stepCount } from './helpers';

test('the step-through shows one real step stage by stage, then training goes on', async ({ page }) => {
  await openLab(page);
  await page.getByTestId('step-once').click();
  await expect(page.getByTestId('step')).toHaveText('Step 1');
  const before = await stepCount(page);
  await observeLongTasks(page);
  await page.getByTestId('step-through-start').click();
  const box = page.getByTestId('step-through');
  await expect(box).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('step')).toHaveText(`Step ${before + 1}`);
  // The step itself redraws the charts as any step does (on their clock: probes at 1 Hz); the
  // stages after those redraws are this view's own.
  await page.waitForTimeout(1500);
  const duringStep = await longTasks(page);

  const titles: string[] = [];
  for (let stage = 1; stage <= 7; stage++) {
    await expect(box).toHaveAttribute('data-stage', String(stage));
    titles.push((await page.getByTestId('step-stage-title').textContent()) ?? '');
    if (stage === 4) {
      // Every G shown is the worker's number for that instance and hint, on a real batch image.
      const shown = await page.getByTestId('step-g').locator('td[data-g]').evaluateAll((tds) => tds.map((td) => ({ i: Number(td.getAttribute('data-i')), k: Number(td.getAttribute('data-k')), g: Number(td.getAttribute('data-g')) })));
      const reported = await page.evaluate(() => {
        const ev = window.__hkdLab!.stepTrace!()!;
        return { step: ev.trace.step, K: ev.trace.hints.length, G: Array.from(ev.trace.meta!.G) };
      });
      expect(reported.step).toBe(before);
      expect(shown.length).toBe(8 * reported.K);
      for (const s of shown) expect(s.g).toBe(reported.G[s.i * reported.K + s.k]);
      // The rows are the batch's 8 instances with the largest |G| (over the hints), largest first.
      const size = (i: number) => Math.max(...Array.from({ length: reported.K }, (_, k) => Math.abs(reported.G[i * reported.K + k])));
      const rows = [...new Set(shown.map((s) => s.i))];
      const B = reported.G.length / reported.K;
      const expected = Array.from({ length: B }, (_, i) => i).sort((a, b) => size(b) - size(a) || a - b).slice(0, 8);
      expect(rows).toEqual(expected);
      await expect(page.getByTestId('step-g').locator('img').first()).toHaveAttribute('src', /^data:image\/png/);
      await expect(page.getByTestId('chart-scatter')).toHaveClass(/step-highlight/);
    }
    // The last stage by keyboard: the buttons are reachable and work with Enter.
    if (stage < 7) {
      if (stage === 6) {
        await page.getByRole('button', { name: 'Next stage' }).focus();
        await page.keyboard.press('Enter');
      } else await page.getByRole('button', { name: 'Next stage' }).click();
    }
  }
  expect(titles.map((t) => t.slice(0, 2))).toEqual(['1.', '2.', '3.', '4.', '5.', '6.', '7.']);
  await expect(page.getByRole('button', { name: 'Next stage' })).toBeDisabled();
  await page.getByRole('button', { name: 'Previous stage' }).click();
  await expect(box).toHaveAttribute('data-stage', '6');

  const tasks = (await longTasks(page)).slice(duringStep.length);
  const longest = (xs: number[]) => Math.max(0, ...xs).toFixed(0);
  console.log(`step-through long tasks: the traced step ${duringStep.length} (longest ${longest(duringStep)} ms); the stages ${tasks.length} (longest ${longest(tasks)} ms)`);
  // Reported, not asserted: speed targets live in the benchmarks (this machine is noisy).
  // The fullest stage (G with thumbnails) passes axe, scoped to the step-through (after the
  // measurement: axe itself is a long task).
  await page.getByRole('button', { name: 'Previous stage' }).click();
  await expect(box).toHaveAttribute('data-stage', '5');
  // ← pages back too (→ forward), from anywhere in the step-through.
  await page.keyboard.press('ArrowLeft');
  await expect(box).toHaveAttribute('data-stage', '4');
  const axe = await new AxeBuilder({ page }).include('[data-testid="step-through"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // Closing returns to normal training: nothing lost, the next step is step before + 2.
  // (Escape closes it, as the Close button does.)
  await page.getByRole('button', { name: 'Close the step-through' }).focus();
  await page.keyboard.press('Escape');
  await expect(box).toBeHidden();
  await expect(page.getByTestId('chart-scatter')).not.toHaveClass(/step-highlight/);
  expect(await stepCount(page)).toBe(before + 1);
  await page.getByTestId('step-once').click();
  await expect(page.getByTestId('step')).toHaveText(`Step ${before + 2}`);
});
