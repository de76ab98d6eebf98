import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';

/** Small, fast settings for tests, validated by the same schema as the controls. */
export const SMALL = 'batchSize=8&metaBatchSize=8&evalSize=50&evalEvery=20&probeCount=16&probeEvery=5';

export async function openLab(page: Page, extra = '', backend = 'wasm') {
  await page.goto(`/?${SMALL}&backend=${backend}${extra ? `&${extra}` : ''}`);
  await expect(page).toHaveTitle(/HKD Lab/);
  // Software WebGPU compiles a shader per op shape before the first step: about 1.5 min on an
  // idle 2-core machine, several minutes on a loaded one.
  await expect(page.getByTestId('run-state')).toHaveText('paused', { timeout: backend === 'webgpu' ? 240_000 : 90_000 });
}

export async function stepCount(page: Page): Promise<number> {
  const t = await page.getByTestId('step').textContent();
  return Number(t?.replace(/\D+/g, ''));
}

export async function waitForSteps(page: Page, atLeast: number, timeout = 60_000) {
  await expect.poll(() => stepCount(page), { timeout }).toBeGreaterThanOrEqual(atLeast);
}

/** Starts recording the page's main-thread long tasks (PerformanceObserver 'longtask'). */
export async function observeLongTasks(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    }).observe({ type: 'longtask' });
  });
}

/** The durations (ms) of the long tasks recorded since observeLongTasks. */
export function longTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
}

export interface RunMetrics {
  run: { seed: number; config: { cold: { method: string } }; environment: { backend: string }; edits: unknown[] };
  series: { steps: Record<string, (number | null)[]> };
}

/** The lab's "Run metrics as JSON" export of the current run (full float precision). */
export async function runMetrics(page: Page): Promise<RunMetrics> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Run metrics as JSON' }).click();
  return JSON.parse(readFileSync(await (await download).path()).toString());
}
