import { expect, test } from '@playwright/test';
import { cifar10Release } from '../src/core/import/fixtures.test-util';
import { openLab, stepCount, waitForSteps } from './helpers';

// A generated CIFAR-10 release (40 images per batch, 50 test): the official layout, no download.
const release = cifar10Release(40, 50);

test('import a CIFAR-10 .tar.gz, train its teacher (own chart, stop button), then distil from it', async ({ page }) => {
  await openLab(page, 'teacherSteps=400&evalSize=40');
  await page.getByTestId('import-input').setInputFiles({ name: 'cifar-10-binary.tar.gz', mimeType: 'application/gzip', buffer: Buffer.from(release.tgz) });
  const done = page.getByTestId('import-done');
  await expect(done).toContainText('200 training and 50 test images, 10 classes, 32×32×3', { timeout: 60_000 });
  await done.getByRole('button', { name: 'Train on it' }).click();
  await page.getByRole('button', { name: 'Reset and apply' }).click();

  // The teacher phase: its own chart and step counter, while the student waits.
  const teacherStep = page.getByTestId('teacher-step');
  await expect(teacherStep).toContainText('of 400', { timeout: 90_000 });
  await expect(page.getByTestId('teacher-acc')).toContainText('(training)');
  // Play trains the teacher, as it trains the student.
  await page.getByTestId('play').click();
  await expect.poll(async () => Number((await teacherStep.textContent())?.match(/step (\d+)/)?.[1] ?? 0), { timeout: 90_000 }).toBeGreaterThanOrEqual(3);
  // No backend switch mid-phase (nothing to resume from yet); a live edit waits for the student.
  await expect(page.getByLabel('Backend')).toBeDisabled();
  await page.getByTestId('hot-lr').fill('0.03');
  await page.getByTestId('hot-lr').press('Enter');
  await expect(page.getByTestId('edit-status')).toContainText('lr = 0.03');
  await page.getByTestId('stop-teacher').click();

  // Distillation starts from the teacher just trained; both accuracies are shown.
  await expect(page.getByTestId('stop-teacher')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByTestId('teacher-note')).toContainText('cifar-10', { ignoreCase: true, timeout: 60_000 });
  await expect(page.getByTestId('teacher-acc')).toHaveText(/teacher \d+\.\d%$/);
  // The lab was training when the phase was stopped: distillation goes on by itself, no play.
  await expect(page.getByTestId('run-state')).toHaveText('running', { timeout: 60_000 });
  await waitForSteps(page, 3, 90_000);
  await expect(page.getByTestId('hot-lr')).toHaveValue('0.03');
  await expect(page.getByLabel('Backend')).toBeEnabled();
  await expect(page.getByLabel('Dataset', { exact: true })).toHaveValue(/.+/);
  expect(await page.getByLabel('Dataset', { exact: true }).inputValue()).not.toBe('fashion-mnist');
});

test('a truncated archive is refused with a message naming it, while the current run goes on', async ({ page }) => {
  await openLab(page);
  await page.getByTestId('play').click();
  await waitForSteps(page, 3);
  await expect(page.getByTestId('saved-run')).toHaveCount(1, { timeout: 30_000 });
  const cut = release.tgz.subarray(0, Math.floor(release.tgz.length / 2));
  await page.getByTestId('import-input').setInputFiles({ name: 'cifar-10-binary.tar.gz', mimeType: 'application/gzip', buffer: Buffer.from(cut) });
  const error = page.getByTestId('import-error');
  await expect(error).toContainText('cifar-10-binary.tar.gz', { timeout: 60_000 });
  await expect(error).toContainText(/truncated|ends early|incomplete/i);
  await expect(error).toContainText('the current run and your saved runs are unchanged');
  // The run never stopped, kept its dataset, and the saved run is still listed.
  await expect(page.getByTestId('run-state')).toHaveText('running');
  const before = await stepCount(page);
  await waitForSteps(page, before + 3);
  await expect(page.getByLabel('Dataset', { exact: true })).toHaveValue('fashion-mnist');
  await expect(page.getByTestId('saved-run')).toHaveCount(1);
  await expect(page.locator('.dataset-list li')).toHaveCount(0);
});

test('a zip of class folders dropped on the page is imported, kept across a reload, and can be deleted', async ({ page }) => {
  const { png, zip } = await import('../src/core/import/fixtures.test-util');
  const files: Record<string, Uint8Array> = {};
  for (const [k, cls] of ['circles', 'squares', 'stripes'].entries()) {
    for (let i = 0; i < 10; i++) files[`shapes/${cls}/${i}.png`] = png(20, 20, (x, y) => [(x * 12 + k * 80 + i) % 256, (y * 12) % 256, k * 100]);
  }
  const bytes = Array.from(zip(files));
  await openLab(page);
  // A real drop: a DataTransfer holding the file, dropped on the drop zone.
  await page.evaluate((data) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(data)], 'shapes.zip', { type: 'application/zip' }));
    document.querySelector('[data-testid="drop-zone"]')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, bytes);
  const done = page.getByTestId('import-done');
  await expect(done).toContainText('24 training and 6 test images, 3 classes, 32×32×3', { timeout: 60_000 });
  await expect(page.getByTestId('import-status')).toContainText(/split/i); // the source had no split: it says so

  await page.reload();
  await expect(page.getByTestId('run-state')).toHaveText('paused', { timeout: 90_000 });
  const item = page.locator('.dataset-list li').filter({ hasText: 'shapes' });
  await expect(item).toContainText('3 classes');
  await expect(page.getByLabel('Dataset', { exact: true }).locator('option')).toHaveCount(2);
  await item.getByRole('button', { name: /^Delete dataset/ }).click();
  await expect(page.locator('.dataset-list li')).toHaveCount(0);
  await expect(page.getByLabel('Dataset', { exact: true }).locator('option')).toHaveCount(1);
});
