// One projector screen: the four key views fit the first viewport, drawn; presenter mode shows
// those four and nothing else; phones never scroll sideways and the header does not stay on top.
import { expect, test, type Page } from '@playwright/test';
import { longTasks, observeLongTasks, openLab, waitForSteps } from './helpers';

const KEY_VIEWS = ['chart-loss', 'chart-accuracy', 'chart-mix', 'chart-scatter'];

/** True when a key view has drawn data: a curve with several points, or scatter dots. */
async function drawn(page: Page, testId: string): Promise<boolean> {
  return page.getByTestId(testId).evaluate((card) => {
    if (card.querySelector('[data-testid="plot-empty"]')) return false;
    const dots = card.querySelectorAll('.recharts-scatter-symbol').length;
    const curves = [...card.querySelectorAll('path.recharts-line-curve')].filter((p) => (p.getAttribute('d') ?? '').split(/[LC]/).length > 2);
    return dots > 0 || curves.length > 0;
  });
}

async function insideViewport(page: Page, testId: string) {
  const box = await page.getByTestId(testId).boundingBox();
  const vp = page.viewportSize()!;
  expect(box, testId).not.toBeNull();
  expect(box!.x, `${testId} left`).toBeGreaterThanOrEqual(0);
  expect(box!.y, `${testId} top`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${testId} right`).toBeLessThanOrEqual(vp.width);
  expect(box!.y + box!.height, `${testId} bottom`).toBeLessThanOrEqual(vp.height);
  expect(box!.height, `${testId} height`).toBeGreaterThan(200);
}

for (const [width, height] of [[1920, 1080], [1366, 768]]) {
  test(`at ${width}×${height} the first screen holds the top bar and the four key views, all drawn`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await openLab(page);
    // The top bar is one slim row.
    expect((await page.locator('.app-header').boundingBox())!.height).toBeLessThan(64);
    await page.getByTestId('play').click();
    await waitForSteps(page, 4);
    for (const id of KEY_VIEWS) await expect.poll(() => drawn(page, id), { message: `${id} has drawn data` }).toBe(true);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    for (const id of KEY_VIEWS) await insideViewport(page, id);
    const pageHeight = await page.evaluate(() => document.documentElement.scrollHeight);
    console.log(`page height at ${width}×${height}: ${pageHeight} px`);
  });
}

test('at 390 px the page never scrolls sideways and the header scrolls away', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openLab(page);
  await page.getByTestId('play').click();
  await waitForSteps(page, 2);
  await page.getByTestId('backend-reason').evaluate((p) => p.closest('details')!.setAttribute('open', ''));
  const sizes = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
  expect(sizes.sw).toBeLessThanOrEqual(sizes.iw);
  await page.evaluate(() => window.scrollTo(0, 1200));
  const header = await page.locator('.app-header').boundingBox();
  expect(header!.y + header!.height).toBeLessThanOrEqual(0);
});

test('presenter mode shows exactly the four key views, in large type; P and Escape leave it', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openLab(page);
  await page.getByTestId('play').click();
  await waitForSteps(page, 2);
  const normalSize = await page.getByRole('heading', { name: 'Loss terms' }).evaluate((h) => parseFloat(getComputedStyle(h).fontSize));
  // Long tasks are measured, not asserted (the machine is shared): normal mode, then presenter mode.
  await observeLongTasks(page);
  await page.waitForTimeout(10_000);
  const normal = await longTasks(page);
  await page.locator('body').press('p');
  await observeLongTasks(page);
  const visibleCards = page.locator('.chart-card:visible');
  await expect(visibleCards).toHaveCount(4);
  expect(await visibleCards.evaluateAll((cs) => cs.map((c) => c.getAttribute('data-testid')))).toEqual(KEY_VIEWS);
  for (const hidden of ['.app-header', '.sidebar', '.dash-status', '.chart-export', '.chart-options']) await expect(page.locator(hidden).first()).toBeHidden();
  const bigSize = await page.getByRole('heading', { name: 'Loss terms' }).evaluate((h) => parseFloat(getComputedStyle(h).fontSize));
  expect(bigSize).toBeGreaterThan(normalSize * 1.2);
  for (const id of KEY_VIEWS) await insideViewport(page, id);
  // Training goes on, and Space still pauses it.
  await waitForSteps(page, 6);
  await page.waitForTimeout(10_000);
  const tasks = await longTasks(page);
  const over100 = (t: number[]) => t.filter((d) => d > 100).length;
  console.log(`long tasks over 10 s: normal mode ${normal.length} (max ${Math.max(0, ...normal).toFixed(0)} ms, ${over100(normal)} over 100 ms); ` +
    `presenter mode ${tasks.length} (max ${Math.max(0, ...tasks).toFixed(0)} ms, ${over100(tasks)} over 100 ms)`);
  await page.keyboard.press('p');
  await expect(page.locator('.app-header')).toBeVisible();
  await expect(page.locator('.chart-card:visible')).not.toHaveCount(4);
  await page.getByTestId('presenter').click();
  await expect(page.locator('.app-header')).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(page.locator('.app-header')).toBeVisible();
  await expect(page.getByTestId('presenter')).toBeFocused();
});
