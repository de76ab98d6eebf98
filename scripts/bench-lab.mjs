// Benchmark of the lab in a real browser (not a test): time from page load to the first chart
// point, main-thread long tasks while training, chart refresh rate, and the page's JS heap over
// a few minutes of training; then the long tasks of a step-through (its traced step, then its
// stages) and of 10 s of training in presenter mode (issue 9: none over 100 ms). Usage:
//   npm run bench:lab -- [--minutes 3] [--params "backend=wasm&compare=kd,hkd"] [--no-build] [--port 4329] [--dist dir]
// `--dist` serves an existing build (e.g. an older one, to compare; implies --no-build).
// Writes .cache/bench-lab.json as well as printing a summary.
import { chromium } from '@playwright/test';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { findBrowser } from './find-browser.mjs';

const args = process.argv.slice(2);
const flag = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const minutes = Number(flag('minutes', '3'));
const port = Number(flag('port', '4329'));
const params = flag('params', '');
const dist = flag('dist', null);
if (!(minutes > 0)) throw new Error('--minutes must be a positive number');

if (!args.includes('--no-build') && !dist) {
  const b = spawnSync('node_modules/.bin/vite', ['build', '--mode', 'e2e', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
const server = spawn('node_modules/.bin/vite', ['preview', ...(dist ? ['--outDir', dist] : []), '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { stdio: 'ignore' });
const stop = () => server.kill();
process.on('exit', stop);

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/`);
      if (r.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('vite preview did not start');
}

/** Count, longest and number over 100 ms of a list of long tasks. */
const taskFigures = (tasks) => ({ count: tasks.length, maxMs: Math.round(Math.max(0, ...tasks.map((t) => t.ms))), over100ms: tasks.filter((t) => t.ms > 100).length, ms: tasks.map((t) => Math.round(t.ms)) });

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-unsafe-webgpu'];

try {
  await waitForServer();
  const browser = await chromium.launch({ executablePath: findBrowser({ log: () => {} }), args: ARGS });
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.addInitScript(() => {
    window.__bench = { longTasks: [] };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__bench.longTasks.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'JSHeapUsedSize').value / 2 ** 20;
  };
  const url = `http://127.0.0.1:${port}/?autoplay=1${params ? `&${params}` : ''}`;
  await page.goto(url);
  await page.waitForFunction(() => window.__hkdLab?.firstPointAt != null, null, { timeout: 120_000 });
  const firstPointMs = await page.evaluate(() => window.__hkdLab.firstPointAt);
  const backend = await page.getByTestId('backend').textContent();
  await page.waitForTimeout(5000); // warm-up: shaders, first evaluations
  const heapStart = await heap();
  const trainStart = await page.evaluate(() => performance.now());
  const refreshStart = await page.evaluate(() => window.__hkdLab.chartRefreshes);
  const stepStart = Number((await page.getByTestId('step').textContent()).replace(/\D+/g, ''));
  // The training worker's tensors and heap (train.worker.ts exposes them), when it can be reached.
  const workerMemory = async () => {
    try {
      const w = page.workers().find((x) => /train\.worker/.test(x.url()));
      const m = w ? await w.evaluate(() => self.__hkdWorker?.memory()) : null;
      return m ? { workerTensors: m.numTensors, workerTensorMB: Number((m.numBytes / 2 ** 20).toFixed(1)), workerWasmHeapMB: m.wasmHeap === null ? null : Number((m.wasmHeap / 2 ** 20).toFixed(1)) } : {};
    } catch {
      return {};
    }
  };
  const longTasksSince = (t0, t1 = Infinity) => page.evaluate(([a, b]) => window.__bench.longTasks.filter((t) => t.start >= a && t.start < b), [t0, t1]);
  const now = () => page.evaluate(() => performance.now());
  // The step-through of one step (as e2e/step-through.spec.ts walks it): its traced step and the
  // redraws that step makes, then the seven stages, 300 ms apart (a quick reader).
  const stepThroughTasks = async () => {
    if ((await page.getByTestId('run-state').textContent()) === 'running') await page.getByTestId('play').click();
    await page.getByTestId('run-state').filter({ hasText: 'paused' }).waitFor({ timeout: 60_000 });
    await page.waitForTimeout(2000); // the last redraws of the pause
    const t0 = await now();
    await page.getByTestId('step-through-start').click();
    await page.getByTestId('step-through').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1500);
    const t1 = await now();
    for (let stage = 1; stage < 7; stage++) {
      await page.getByRole('button', { name: 'Next stage' }).click();
      await page.waitForTimeout(300);
    }
    await page.getByRole('button', { name: 'Close the step-through' }).click();
    await page.waitForTimeout(1000);
    return { tracedStep: taskFigures(await longTasksSince(t0, t1)), stages: taskFigures(await longTasksSince(t1)) };
  };
  // Presenter mode while training: entering it, then 10 s of steps.
  const presenterTasks = async () => {
    await page.getByTestId('play').click();
    await page.getByTestId('run-state').filter({ hasText: 'running' }).waitFor({ timeout: 60_000 });
    await page.waitForTimeout(3000);
    const t0 = await now();
    await page.locator('body').press('p');
    await page.waitForTimeout(10_000);
    const figures = taskFigures(await longTasksSince(t0));
    await page.keyboard.press('p');
    return figures;
  };
  const samples = [{ t: 0, heapMB: heapStart, step: stepStart, ...(await workerMemory()) }];
  const end = Date.now() + minutes * 60_000;
  while (Date.now() < end) {
    await page.waitForTimeout(Math.min(30_000, end - Date.now()));
    samples.push({
      t: (Date.now() - (end - minutes * 60_000)) / 1000,
      heapMB: await heap(),
      step: Number((await page.getByTestId('step').textContent()).replace(/\D+/g, '')),
      ...(await workerMemory()),
    });
    console.log(JSON.stringify(samples[samples.length - 1]));
  }
  const trainEnd = await page.evaluate(() => performance.now());
  const refreshEnd = await page.evaluate(() => window.__hkdLab.chartRefreshes);
  const tasks = await longTasksSince(trainStart);
  const stepThrough = await stepThroughTasks();
  const presenter = await presenterTasks();
  const heapEnd = samples[samples.length - 1].heapMB;
  const stepEnd = samples[samples.length - 1].step;
  const secs = (trainEnd - trainStart) / 1000;
  const result = {
    url,
    backend,
    minutes,
    firstChartPointMs: Math.round(firstPointMs),
    longTasksWhileTraining: taskFigures(tasks),
    longTasksStepThrough: stepThrough,
    longTasksPresenter: presenter,
    chartRefreshHz: Number(((refreshEnd - refreshStart) / secs).toFixed(2)),
    stepsPerSec: Number(((stepEnd - stepStart) / secs).toFixed(2)),
    heapMB: { start: Number(heapStart.toFixed(1)), end: Number(heapEnd.toFixed(1)), samples: samples.map((s) => ({ ...s, heapMB: Number(s.heapMB.toFixed(1)) })) },
  };
  mkdirSync('.cache', { recursive: true });
  writeFileSync('.cache/bench-lab.json', JSON.stringify(result, null, 2));
  console.log(JSON.stringify(result, null, 2));
  const said = (t) => `${t.count} long tasks, max ${t.maxMs} ms, ${t.over100ms} over 100 ms`;
  console.log(
    `\nfirst chart point ${result.firstChartPointMs} ms (target < 3000) · while training ${said(result.longTasksWhileTraining)} (target: none over 100 ms) · ` +
      `step-through: traced step ${said(stepThrough.tracedStep)}, stages ${said(stepThrough.stages)} · presenter mode (10 s) ${said(presenter)} · ` +
      `chart refresh ${result.chartRefreshHz} Hz (target ≥ 4) · heap ${result.heapMB.start} → ${result.heapMB.end} MB over ${minutes} min · ${result.stepsPerSec} steps/s on ${backend}`,
  );
  await browser.close();
} finally {
  stop();
}
