import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { openLab } from './helpers';
import { RUN_COLORS } from '../src/lab/charts/colors';
import { METHOD_SPECS, type MethodSpec } from '../src/core/methods/methods';
import { aggregate, encodeReproduceResult, interval, pm, verdict } from '../src/core/reproduce/result';
import { syntheticRun, syntheticRuns, SYNTHETIC_META } from '../src/core/reproduce/fixtures.test-util';

const label = (m: string) => (METHOD_SPECS as Record<string, MethodSpec | undefined>)[m]?.label ?? m;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

// A result as the CLI builds it: four methods × three seeds, one run diverged and one seed whose
// hkd run started elsewhere (so the lab must flag both).
function result() {
  const methods = ['ce', 'kd', 'multi', 'hkd'];
  const runs = syntheticRuns(methods, [1, 2, 3]).map((r) =>
    r.method === 'multi' && r.seed === 2 ? syntheticRun('multi', 2, r.evals.map((e) => e.step), { diverged: true })
      : r.method === 'hkd' && r.seed === 3 ? { ...r, fingerprint: { ...r.fingerprint, init: 'elsewhere' } } : r,
  );
  return aggregate(runs, SYNTHETIC_META);
}

function tempFile(name: string, text: string) {
  const path = join(tmpdir(), `hkd-${process.pid}-${name}`);
  writeFileSync(path, text);
  return path;
}

test('a reproduce result opens as a table and mean ± sd curves; a bad file is refused; the run is untouched', async ({ page }) => {
  const r = result();
  await openLab(page);
  await page.getByTestId('step-once').click();
  await page.getByTestId('step-once').click();
  await expect(page.getByTestId('step')).toHaveText('Step 2');
  // Counted once the run has its saved record: the list must not change below.
  await expect(page.getByTestId('save-status')).toContainText('saved at step', { timeout: 30_000 });
  const saved = await page.getByTestId('saved-run').count();

  // Not JSON: refused with the file's name and what to do; nothing is shown.
  await page.getByTestId('reproduce-file-input').setInputFiles(tempFile('broken.json', '{"format": "hkd-reproduce", '));
  await expect(page.getByTestId('notice')).toContainText('broken.json: not JSON');
  await expect(page.getByTestId('notice')).toContainText('Nothing changed');
  await expect(page.getByTestId('reproduce-view')).toHaveCount(0);

  await page.getByTestId('reproduce-file-input').setInputFiles(tempFile('results.json', encodeReproduceResult(r)));
  const view = page.getByTestId('reproduce-view');
  await expect(view).toBeVisible();
  await expect(page.getByTestId('notice')).toHaveCount(0);
  const facts = page.getByTestId('reproduce-facts');
  await expect(facts).toContainText(r.command);
  await expect(facts).toContainText(`${r.preset}, ${r.steps} steps`);
  await expect(facts).toContainText(r.seeds.join(', '));
  const warnings = page.getByTestId('reproduce-warnings');
  await expect(warnings).toContainText(`Seed ${r.mismatchedSeeds.join(', ')} did not give every method`);
  await expect(warnings).toContainText(`${label('multi')}, seed 2 diverged`);

  // Every method's row holds the numbers the file's runs give.
  for (const row of r.rows) {
    const tr = page.getByTestId(`reproduce-row-${row.method}`);
    await expect(tr).toContainText(label(row.method));
    for (const s of [row.finalTest, row.bestTest, row.finalVal]) await expect(tr).toContainText(pm(s));
    for (const v of Object.values(row.vt)) await expect(tr).toContainText(v.toFixed(2));
  }
  expect(r.pairs.map((p) => `${p.method}-${p.against}`)).toEqual(expect.arrayContaining(['hkd-kd', 'hkd-multi', 'kd-ce']));
  for (const p of r.pairs) {
    const tr = page.getByTestId(`reproduce-pair-${p.method}-${p.against}`);
    await expect(tr).toContainText(interval(p.test));
    await expect(tr).toContainText(verdict(p.test));
  }
  await expect(page.getByTestId('reproduce-pairs')).toContainText('no: the interval includes 0');

  // Per method, a band and a mean line in the method's colour, on both curve charts.
  for (const id of ['chart-reproduce-acc', 'chart-reproduce-loss']) {
    const chart = page.getByTestId(id);
    const bands = chart.locator('path.recharts-area-area');
    const means = chart.locator('path.recharts-line-curve');
    await expect(bands).toHaveCount(r.methods.length);
    await expect(means).toHaveCount(r.methods.length);
    expect(await bands.evaluateAll((ps) => ps.map((p) => p.getAttribute('fill')))).toEqual(r.methods.map((_, i) => RUN_COLORS[i]));
    expect(await means.evaluateAll((ps) => ps.map((p) => p.getAttribute('stroke')))).toEqual(r.methods.map((_, i) => RUN_COLORS[i]));
    for (const p of await bands.evaluateAll((ps) => ps.map((x) => x.getAttribute('d') ?? ''))) expect(p.length).toBeGreaterThan(20);
  }
  // The screen-reader table gives each method's last mean over seeds, computed here from the runs.
  const summary = page.getByTestId('chart-reproduce-acc').locator('figcaption');
  for (const m of r.methods) {
    const last = mean(r.runs.filter((x) => x.method === m).map((x) => x.evals[x.evals.length - 1].testAcc));
    await expect(summary.getByRole('row', { name: new RegExp(`^${label(m)} \\(3 seeds\\): mean`) })).toContainText(`${(last * 100).toFixed(1)}%`);
  }

  // A reproduce file with a run lacking fields: refused, saying which; the view and the run stay.
  const bad = JSON.parse(encodeReproduceResult(r));
  delete bad.runs[1].best;
  await page.getByTestId('reproduce-file-input').setInputFiles(tempFile('edited.json', JSON.stringify(bad)));
  await expect(page.getByTestId('notice')).toContainText('edited.json: runs[1] (ce, seed 2) lacks best.testAcc');
  await expect(view).toBeVisible();
  await expect(page.getByTestId('step')).toHaveText('Step 2');
  expect(await page.getByTestId('saved-run').count()).toBe(saved);
  await page.getByTestId('step-once').click();
  await expect(page.getByTestId('step')).toHaveText('Step 3');

  // Picked through the run-file entry, a reproduce result is shown without replaying anything.
  await page.getByTestId('reproduce-close').click();
  await expect(view).toHaveCount(0);
  await page.getByTestId('run-file-input').setInputFiles(tempFile('results.json', encodeReproduceResult(r)));
  await expect(view).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('step')).toHaveText('Step 3');
});
