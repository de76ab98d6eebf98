import { readFileSync } from 'node:fs';
import { expect, test, type Download, type Page } from '@playwright/test';
import { openLab, stepCount, waitForSteps } from './helpers';

/** Clicks, then collects `count` downloads as name → bytes. */
async function downloads(page: Page, count: number, click: () => Promise<void>): Promise<Record<string, Buffer>> {
  const got: Download[] = [];
  const listener = (d: Download) => got.push(d);
  page.on('download', listener);
  await click();
  await expect.poll(() => got.length, { timeout: 60_000 }).toBe(count);
  page.off('download', listener);
  const out: Record<string, Buffer> = {};
  for (const d of got) out[d.suggestedFilename()] = readFileSync(await d.path());
  return out;
}

async function trainSome(page: Page, steps: number) {
  await page.getByTestId('play').click();
  await waitForSteps(page, steps);
  await page.getByTestId('play').click();
  await expect(page.getByTestId('run-state')).toHaveText('paused');
}

/** Probe views export their reports (the run CSV holds the same probe series); heat strips export with their scale. One HKD run, trained and paused. */
async function probeAndHeatExports(page: Page) {
  const text = async (group: string, button: RegExp) =>
    Object.values(await downloads(page, 1, () => page.getByRole('toolbar', { name: group }).getByRole('button', { name: button }).click()))[0].toString();
  const rows = (csv: string) => csv.trim().split(/\r?\n/).map((l) => l.split(','));

  // The gallery: data only (it is no plot); one row per probe (SMALL: 16) and report.
  await expect(page.getByRole('toolbar', { name: 'Export Probe gallery' }).getByRole('button', { name: /as PNG$/ })).toHaveCount(0);
  const gallery = rows(await text('Export Probe gallery', /data as CSV$/));
  expect(gallery[0].join(',')).toMatch(/^step,probe,index,label,label\.name,pred,pred\.name,vt\.step,v\.kd,vt\.kd,.*,loss\.ce,loss\.kd/);
  const steps = [...new Set(gallery.slice(1).map((r) => Number(r[0])))];
  expect(steps.length).toBeGreaterThanOrEqual(1);
  expect(gallery.length - 1).toBe(16 * steps.length);
  expect(Math.max(...steps)).toBeLessThanOrEqual(await stepCount(page));
  // The scatter: the latest report only.
  const scatter = rows(await text('Export Weight vs loss (probe instances)', /data as CSV$/)).slice(1);
  expect(scatter).toHaveLength(16);
  expect(new Set(scatter.map((r) => Number(r[0])))).toEqual(new Set([Math.max(...steps)]));
  // The run's metrics CSV: its steps and its probe series, the same reports the page kept.
  const files = await downloads(page, 2, () => page.getByRole('button', { name: 'Run metrics as CSV' }).click());
  const probeFile = Object.keys(files).find((n) => n.endsWith('-probes.csv'))!;
  expect(probeFile).toBeDefined();
  const worker = rows(files[probeFile].toString());
  expect(worker[0]).toContain('vt.step');
  expect(worker.length).toBe(gallery.length);
  // Page and worker keep the same reports, field for field (each ṽ's step included).
  expect(worker).toEqual(gallery);

  // Heat strips: every strip in the SVG, each with its colour scale and step ticks; the PNG as tall.
  const strips = await page.locator('figure.heat').count();
  expect(strips).toBeGreaterThanOrEqual(2);
  await expect(page.locator('figure.heat').first().locator('.heat-scale-labels span')).toHaveText(['0%', '5%', '25%', '50%', '100%']);
  const svg = await text('Export Weight distribution over time', /as SVG$/);
  expect(svg).toMatch(/^<\?xml[^>]*>\s*<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg).toContain('<linearGradient id="heat-scale"');
  expect(svg.match(/<image [^>]*href="data:image\/png;base64,/g)).toHaveLength(strips);
  expect(svg.match(/class="heat-scale"/g)).toHaveLength(strips);
  expect(svg.match(/>100%<\/text>/g)).toHaveLength(strips);
  expect((svg.match(/class="heat-step"/g) ?? []).length).toBeGreaterThanOrEqual(2 * strips);
  const png = Object.values(await downloads(page, 1, () => page.getByRole('toolbar', { name: 'Export Weight distribution over time' }).getByRole('button', { name: /as PNG$/ }).click()))[0];
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  const svgHeight = Number(svg.match(/<svg[^>]* height="(\d+)"/)![1]);
  expect(svgHeight).toBeGreaterThan(strips * 120);
  expect(png.readUInt32BE(20)).toBe(2 * svgHeight); // IHDR height: the whole SVG at 2×
}

test('the exported student loads with tf.loadLayersModel in the page and predicts like the lab (1e-4)', async ({ page }) => {
  await openLab(page);
  await trainSome(page, 10);
  const files = await downloads(page, 2, () => page.getByTestId('export-student-0').click());
  expect(Object.keys(files).sort()).toEqual(['model.json', 'weights.bin']);
  // Served from a URL, as a user outside the lab would load it.
  await page.route('**/exported/*', (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop()!;
    return route.fulfill({ body: files[name], contentType: name.endsWith('.json') ? 'application/json' : 'application/octet-stream' });
  });
  await page.addScriptTag({ path: 'node_modules/@tensorflow/tfjs/dist/tf.min.js' });
  const r = await page.evaluate(async () => {
    type TF = typeof import('@tensorflow/tfjs');
    const tf = (window as unknown as { tf: TF }).tf;
    await tf.setBackend('cpu');
    const model = await tf.loadLayersModel('/exported/model.json');
    const [n, h, w, c] = [12, 28, 28, 1];
    // Raw pixels 0..255 (the model normalises as the lab does): a fixed pattern, not random.
    const images = Float32Array.from({ length: n * h * w * c }, (_, i) => (i * 37 + ((i / 7) | 0) * 11) % 256);
    const out = model.predict(tf.tensor4d(images, [n, h, w, c])) as import('@tensorflow/tfjs').Tensor;
    const exported = Array.from(await out.data());
    const lab = Array.from(await window.__hkdLab!.predict!(images, n));
    let maxDiff = 0;
    for (let i = 0; i < lab.length; i++) maxDiff = Math.max(maxDiff, Math.abs(lab[i] - exported[i]));
    const spread = Math.max(...lab) - Math.min(...lab);
    return { len: exported.length, labLen: lab.length, maxDiff, spread, shape: model.inputs[0].shape };
  });
  expect(r.shape).toEqual([null, 28, 28, 1]);
  expect(r.len).toBe(120);
  expect(r.labLen).toBe(120);
  expect(r.spread).toBeGreaterThan(0.1); // a trained student, not constant logits
  expect(r.maxDiff).toBeLessThan(1e-4);
});

test('a run file replays the run: same losses, same live edit, on the same backend', async ({ page }) => {
  await openLab(page);
  await page.getByTestId('step-once').click();
  await page.getByTestId('step-once').click();
  await expect(page.getByTestId('step')).toHaveText('Step 2');
  // A live edit at step 2, recorded in the edit log.
  await page.getByTestId('hot-lr').fill('0.02');
  await page.getByTestId('hot-lr').press('Enter');
  await expect(page.getByTestId('edit-status')).toContainText('Worker confirmed lr = 0.02 from step 2', { timeout: 30_000 });
  await trainSome(page, 50);
  const steps = await stepCount(page);
  const original = await downloads(page, 1, () => page.getByRole('button', { name: 'Run metrics as JSON' }).click());
  const runFile = await downloads(page, 1, () => page.getByTestId('export-run-file').click());
  const [runName] = Object.keys(runFile);
  expect(runName).toMatch(/\.hkdrun\.json$/);
  const rf = JSON.parse(runFile[runName].toString());
  expect(rf.seed).toBe(1);
  expect(rf.edits).toHaveLength(1);

  await page.getByTestId('run-file-input').setInputFiles({ name: runName, mimeType: 'application/json', buffer: runFile[runName] });
  await page.getByRole('dialog').getByRole('button', { name: 'Replay' }).click();
  await expect(page.getByTestId('replay-status')).toContainText(`reached step ${steps}`, { timeout: 90_000 });
  await expect(page.getByTestId('step')).toHaveText(`Step ${steps}`);
  const replayed = await downloads(page, 1, () => page.getByRole('button', { name: 'Run metrics as JSON' }).click());
  const losses = (f: Record<string, Buffer>) => {
    const j = JSON.parse(Object.values(f)[0].toString());
    return (j.series?.steps ?? j.steps)['loss.total'] as number[];
  };
  const a = losses(original);
  const b = losses(replayed);
  expect(steps).toBeGreaterThanOrEqual(50);
  expect(a).toHaveLength(steps);
  // The recorded edit was replayed at its step.
  await expect(page.getByTestId('hot-lr')).toHaveValue('0.02');
  expect(b).toEqual(a);
});

test('charts export as PNG, SVG, CSV and JSON (probe views and heat strips too); the teacher saves to a file and loads back', async ({ page }) => {
  await openLab(page);
  await trainSome(page, 6);
  const chart = page.getByRole('toolbar', { name: /^Export Loss/ });
  const png = Object.values(await downloads(page, 1, () => chart.getByRole('button', { name: /as PNG$/ }).click()))[0];
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  const svg = Object.values(await downloads(page, 1, () => chart.getByRole('button', { name: /as SVG$/ }).click()))[0].toString();
  expect(svg).toMatch(/^<\?xml[^>]*>\s*<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg).toMatch(/<path[^>]* d="M[\d.]+,[\d.]+L/); // a drawn curve
  // The title and legend are part of the image (on the page they are HTML).
  expect(svg).toContain('>Loss terms</text>');
  expect(svg).toContain('>CE</text>');
  const csv = Object.values(await downloads(page, 1, () => chart.getByRole('button', { name: /data as CSV$/ }).click()))[0].toString();
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toMatch(/^step,/);
  expect(lines.length - 1).toBe(await stepCount(page));
  const json = JSON.parse(Object.values(await downloads(page, 1, () => chart.getByRole('button', { name: /data as JSON$/ }).click()))[0].toString());
  // The same series as the CSV: one value per step for every column.
  expect(Object.keys(json.columns)).toEqual(lines[0].split(','));
  expect(json.columns.step).toHaveLength(lines.length - 1);
  await probeAndHeatExports(page);

  const measured = await page.getByTestId('teacher-acc').textContent();
  expect(measured).toMatch(/teacher \d+\.\d%/);
  const teacher = await downloads(page, 1, () => page.getByRole('button', { name: 'Save the teacher to a file' }).click());
  const [name] = Object.keys(teacher);
  expect(name).toMatch(/\.hkdw$/);
  await page.getByTestId('teacher-file-input').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: teacher[name] });
  await page.getByRole('dialog').getByRole('button', { name: 'Load teacher' }).click();
  await expect(page.getByTestId('teacher-note')).toContainText(`loaded from ${name}`, { timeout: 60_000 });
  // The same weights: the same measured accuracy on the same test images.
  await expect(page.getByTestId('teacher-acc')).toHaveText(measured!);
  await expect(page.getByTestId('step')).toHaveText('Step 0');

  // A file that is not a teacher: refused with the file's name; the run is untouched.
  await page.getByTestId('teacher-file-input').setInputFiles({ name: 'notes.bin', mimeType: 'application/octet-stream', buffer: Buffer.from('not weights at all') });
  await page.getByRole('dialog').getByRole('button', { name: 'Load teacher' }).click();
  await expect(page.getByTestId('notice')).toContainText('notes.bin is not a teacher');
  await expect(page.getByTestId('teacher-note')).toContainText(`loaded from ${name}`);

  // The loaded teacher is kept in the browser until forgotten: then the pretrained one is back.
  await page.reload();
  await expect(page.getByTestId('teacher-note')).toContainText(`loaded from ${name}`, { timeout: 90_000 });
  await page.getByTestId('forget-teacher').click();
  await page.getByRole('dialog').getByRole('button', { name: 'Forget teacher' }).click();
  await expect(page.getByTestId('teacher-note')).not.toContainText('loaded from', { timeout: 60_000 });
  await expect(page.getByTestId('forget-teacher')).toHaveCount(0);
});
