import { expect, test } from '@playwright/test';
import { openLab, runMetrics, stepCount, waitForSteps, type RunMetrics } from './helpers';

// One test for the software WebGPU path (each run build there takes over a minute): it trains a
// few steps, then loses its device.
test('the WebGPU path trains a few steps on the software adapter; a lost device stops with a message and resumes on another backend', async ({ page }) => {
  test.setTimeout(420_000);
  await openLab(page, 'debug=1', 'webgpu');
  await expect(page.getByTestId('backend')).toHaveText('Running on webgpu');
  await expect(page.getByTestId('backend-reason')).toContainText('fallback');
  await page.getByTestId('play').click();
  await expect
    .poll(async () => (await page.getByTestId('notice').count()) > 0 || (await stepCount(page)) >= 3, { timeout: 150_000 })
    .toBe(true);
  expect(await page.getByTestId('notice').count()).toBe(0);
  await page.getByTestId('play').click();
  await expect(page.getByTestId('run-state')).toHaveText('paused', { timeout: 60_000 });
  await page.getByTestId('simulate-lost-device').click();
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText('The webgpu backend failed');
  await expect(notice).toContainText('device was lost');
  await expect(page.getByTestId('run-state')).toHaveText('stopped');
  // Pausing checkpointed the run where it stood; either label is accepted (the resume past
  // step 0 is proved exactly, on the fast backends, in the next test).
  const resume = notice.getByRole('button', { name: /Continue on wasm from (step \d+|the start)/ });
  const from = Number((await resume.textContent())?.match(/step (\d+)/)?.[1] ?? 0);
  await resume.click();
  await expect(page.getByTestId('backend')).toHaveText('Running on wasm', { timeout: 60_000 });
  await expect(page.getByTestId('run-state')).toHaveText('paused', { timeout: 60_000 });
  // The run continues from the step the button named.
  expect(await stepCount(page)).toBe(from);
  await page.getByTestId('play').click();
  await waitForSteps(page, from + 3);
});

// Resuming from a checkpoint past step 0 is proved on the fast backends (software WebGPU takes
// minutes per run here): a KD run fails on wasm after some steps, continues on cpu from its last
// checkpoint, and the losses of the steps after the resume are those of the same run left alone.
// The reference is uninterrupted on wasm, so the steps after the resume differ only by cpu/wasm
// float roundoff (KD: ≤ 3.4e-7 relative, see backends-agree.spec.ts); a resume from anywhere else
// (another step, fresh weights, lost optimiser state or batch position) moves the loss by far more
// than the 1e-5 allowed.
const RESUME = 'method=kd&seed=11&evalEvery=0';
const AFTER = 3;

function lossColumns(j: RunMetrics) {
  return Object.fromEntries(Object.entries(j.series.steps).filter(([k, v]) => (k === 'step' || k.startsWith('loss.')) && v.some((x) => x !== null)));
}

test('a run resumed on another backend from step N > 0 continues with the losses it would have had', async ({ page }) => {
  test.setTimeout(300_000);
  await openLab(page, `${RESUME}&debug=1`);
  await page.getByTestId('play').click();
  await waitForSteps(page, 3);
  // Pausing checkpoints the run where it stands.
  await page.getByTestId('play').click();
  await expect(page.getByTestId('run-state')).toHaveText('paused');
  const n = await stepCount(page);
  expect(n).toBeGreaterThanOrEqual(3);
  await page.getByTestId('simulate-lost-device').click();
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText('The wasm backend failed');
  await notice.getByRole('button', { name: `Continue on cpu from step ${n}` }).click();
  await expect(page.getByTestId('backend')).toHaveText('Running on cpu', { timeout: 60_000 });
  await expect(page.getByTestId('run-state')).toHaveText('paused', { timeout: 60_000 });
  expect(await stepCount(page)).toBe(n);
  for (let i = 1; i <= AFTER; i++) {
    await page.getByTestId('step-once').click();
    await expect(page.getByTestId('step')).toHaveText(`Step ${n + i}`, { timeout: 60_000 });
  }
  const resumed = lossColumns(await runMetrics(page));

  await openLab(page, RESUME);
  for (let i = 1; i <= n + AFTER; i++) {
    await page.getByTestId('step-once').click();
    await expect(page.getByTestId('step')).toHaveText(`Step ${i}`, { timeout: 60_000 });
  }
  const reference = lossColumns(await runMetrics(page));
  expect(reference.step).toEqual([...Array(n + AFTER).keys()]);
  expect(resumed.step).toEqual(reference.step);
  expect(Object.keys(resumed).sort()).toEqual(Object.keys(reference).sort());
  expect(Object.keys(reference)).toContain('loss.kd');

  const failures: string[] = [];
  for (const k of Object.keys(reference).filter((k) => k !== 'step')) {
    const gaps = reference[k].map((x, i) => {
      const y = resumed[k][i];
      return x === null || y === null ? Infinity : Math.abs(x - y) / Math.abs(x);
    });
    console.log(`${k}: relative gap per step, resumed at ${n} against uninterrupted: ${gaps.map((g) => g.toExponential(1)).join(' ')}`);
    gaps.forEach((g, i) => {
      // Before the failure both ran on wasm: the same numbers.
      const tol = i < n ? 0 : 1e-5;
      if (!(g <= tol)) failures.push(`${k} at step ${i}: uninterrupted ${reference[k][i]}, resumed ${resumed[k][i]}, relative gap ${g.toExponential(2)} > ${tol}`);
    });
  }
  expect(failures).toEqual([]);
});
