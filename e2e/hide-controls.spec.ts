import { expect, test } from '@playwright/test';
import { SMALL } from './helpers';

test('a link that hides some controls and every control of two cards shows no empty card and hides exactly those', async ({ page }) => {
  const runCard = ['preset', 'method', 'seed', 'batchSize', 'totalSteps', 'lrSchedule', 'weightNorm', 'compare'];
  const hide = [...runCard, 'dataset', 'import', 'lr', 'temperature', 'foo'].map((n) => `${n}_hide=1`).join('&');
  await page.goto(`/?${SMALL}&backend=wasm&${hide}`);
  await expect(page.getByTestId('run-state')).toHaveText('paused', { timeout: 90_000 });
  // Whole cards gone, headings included.
  await expect(page.getByRole('heading', { name: 'Run settings' })).toHaveCount(0);
  await expect(page.getByTestId('data-panel')).toHaveCount(0);
  // Exactly the named live settings are hidden; the others stay.
  await expect(page.getByRole('heading', { name: 'Live settings' })).toBeVisible();
  await expect(page.getByTestId('hot-lr')).toHaveCount(0);
  await expect(page.getByTestId('hot-temperature')).toHaveCount(0);
  for (const k of ['gamma', 'metaLr', 'mu', 'metaInterval']) await expect(page.getByTestId(`hot-${k}`)).toBeVisible();
  await expect(page.getByTestId('hot-beta-kd')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Start in one click' })).toBeVisible();
  // Every .card in the sidebar has something in it besides its heading.
  for (const card of await page.locator('.sidebar > .card').all()) expect(await card.locator('input, select, button').count()).toBeGreaterThan(0);
  // An unknown name is reported, in plain text, with what to do.
  const alert = page.getByRole('alert').filter({ hasText: 'refused' });
  await expect(alert).toContainText('foo_hide="1": no control is called "foo"; controls that can be hidden: preset, dataset,');
  expect(page.url()).toContain('seed_hide=1');
});

test("the classroom link builder's link, opened in a new page, hides exactly the checked items, locks the seed and the method (lessons that would change it too) and leaves no empty card", async ({ page, context }) => {
  await page.goto(`/?${SMALL}&backend=wasm`);
  const builder = page.getByTestId('classroom-link');
  await builder.getByText('Choose what students see').click();
  // Every control can be checked, Play, Step and Reset included; the run card's and data card's controls all go.
  const hide = ['play', 'step', 'reset', 'chartExport', 'backendReason', 'lr', 'dataset', 'import', 'classroom'];
  for (const n of hide) await builder.getByTestId(`hide-${n}`).check();
  await builder.getByTestId('lock-seed').check();
  await builder.getByTestId('lock-method').check();
  await expect(builder.getByLabel('Hide: Play button')).toBeChecked();
  const link = await builder.getByTestId('classroom-url').inputValue();
  for (const n of hide) expect(link).toContain(`${n}_hide=1`);
  expect(link).toContain('seed_lock=1');
  expect(link).toContain('method_lock=1');

  const student = await context.newPage();
  await student.goto(link);
  await expect(student.getByTestId('run-state')).toHaveText('paused', { timeout: 90_000 });
  for (const id of ['play', 'step-once', 'reset', 'data-panel', 'hot-lr', 'classroom-link']) await expect(student.getByTestId(id)).toHaveCount(0);
  await expect(student.locator('.chart-export')).toHaveCount(0);
  // What was not checked stays.
  for (const id of ['hot-temperature', 'cold-seed', 'step', 'copy-link']) await expect(student.getByTestId(id)).toBeVisible();
  await expect(student.locator('#preset')).toBeEnabled();
  // The locked seed and method are shown, read-only, with why; a lesson that would swap the
  // method for two others cannot be started.
  await expect(student.getByTestId('cold-seed')).toHaveAttribute('readonly', '');
  await expect(student.getByTestId('cold-seed')).toHaveAccessibleDescription('Locked by the classroom link.');
  await expect(student.locator('#method')).toBeDisabled();
  await expect(student.locator('#method-hint')).toHaveText('Locked by the classroom link.');
  await expect(student.getByRole('button', { name: 'Does the teacher help?' })).toBeDisabled();
  for (const card of await student.locator('.sidebar > .card').all()) expect(await card.locator('input, select, button').count()).toBeGreaterThan(0);
  await expect(student.getByRole('alert').filter({ hasText: 'refused' })).toHaveCount(0);
});
