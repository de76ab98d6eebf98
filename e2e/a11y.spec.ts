// Accessibility: axe finds no WCAG 2.1 A/AA violation, idle and while training, and every chart
// is a named figure (no unnamed recharts "application" left).
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openLab, waitForSteps } from './helpers';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function violations(page: Page) {
  const r = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} ${n.failureSummary?.split('\n')[1] ?? ''}`).join('\n    ')}`);
}

test('axe finds no WCAG 2.1 A/AA violations, idle and while training', async ({ page }) => {
  test.setTimeout(150_000);
  await openLab(page);
  expect(await violations(page)).toEqual([]);
  await page.getByTestId('play').click();
  await waitForSteps(page, 3);
  expect(await violations(page)).toEqual([]);
  // A confirmation open, and the backend reason unfolded.
  await page.getByTestId('play').click();
  await page.getByTestId('reset').click();
  await expect(page.getByTestId('confirm-dialog')).toBeFocused();
  expect(await violations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await page.getByText('Why?').click();
  await expect(page.getByTestId('backend-reason')).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await page.getByTestId('presenter').click();
  expect(await violations(page)).toEqual([]);
});

test('every chart is a figure with a name and a summary of its latest values', async ({ page }) => {
  await openLab(page);
  await page.getByTestId('play').click();
  await waitForSteps(page, 3);
  await expect(page.locator('[role="application"]')).toHaveCount(0);
  const charts = page.locator('.chart-card');
  const n = await charts.count();
  expect(n).toBeGreaterThanOrEqual(6);
  for (let i = 0; i < n; i++) {
    const card = charts.nth(i);
    const title = (await card.getByRole('heading', { level: 2 }).textContent())!;
    await expect(card.getByRole('figure', { name: title })).toHaveCount(1);
  }
  // The loss chart's hidden table follows the curves (on the charts' clock).
  const table = page.getByTestId('chart-loss').getByRole('table', { name: 'Latest values' });
  await expect(table.getByRole('rowheader', { name: 'CE' })).toHaveCount(1);
  await expect.poll(async () => Number(await table.getByRole('row').nth(1).getByRole('cell').first().textContent())).toBeGreaterThanOrEqual(3);
});
