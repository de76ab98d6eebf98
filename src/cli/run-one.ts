// One run from a configuration to its results, through the core's run loop: what `npm run train`
// and each of `npm run reproduce`'s runs do. Returns the run file (settings, seed, edits,
// environment, log) and a summary of its evaluations and weights.
import type { Dataset } from '../core/data/dataset';
import type { RunSummary } from '../core/reproduce/result';
import { RunRecorder } from '../core/runs/replay';
import { describeEnvironment, type RunFile } from '../core/runs/runfile';
import type { TrainConfig } from '../core/train/config';
import type { EvalReport, StepReport } from '../core/train/report';
import { runLoop } from '../core/train/run-loop';
import { RunLog, tailMean, type LogEval } from '../core/runs/run-log';
import { logToJson, type SeriesJson } from '../core/runs/run-log-json';
import { Trainer, type Teacher, type TrainerCheckpoint } from '../core/train/trainer';

export interface RunOutput {
  summary: RunSummary;
  runFile: RunFile & { log: SeriesJson };
}

export interface RunHooks {
  onStep?(r: StepReport, done: number, total: number): void;
  onEval?(e: EvalReport): void;
}

/** FNV-1a over the bytes of some arrays: a fingerprint, not a security hash. */
function fingerprint(parts: ArrayLike<number>[]): string {
  let h = 0x811c9dc5;
  for (const p of parts) {
    const bytes = new Uint8Array(Float64Array.from(p as ArrayLike<number>).buffer);
    for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

const initPrint = (c: TrainerCheckpoint) =>
  fingerprint(Object.keys(c.tensors).filter((k) => k.startsWith('student.')).sort().map((k) => c.tensors[k].data));

/** Averages a column over windows so a long run gives at most `points` points. */
function thin(steps: ArrayLike<number>, values: ArrayLike<number>, points = 200) {
  const w = Math.max(1, Math.ceil(values.length / points));
  const out = { step: [] as number[], total: [] as number[] };
  for (let i = 0; i < values.length; i += w) {
    const win = Array.from(values).slice(i, i + w).filter(Number.isFinite);
    out.step.push(steps[Math.min(values.length - 1, i + w - 1)] + 1);
    out.total.push(win.reduce((a, b) => a + b, 0) / Math.max(1, win.length));
  }
  return out;
}

export async function runOne(config: TrainConfig, deps: { dataset: Dataset; teacher: Teacher; backend: string }, hooks: RunHooks = {}): Promise<RunOutput> {
  const started = performance.now();
  const trainer = await Trainer.create({ config, dataset: deps.dataset, teacher: deps.teacher });
  try {
    const recorder = new RunRecorder(trainer);
    const init = initPrint(await trainer.checkpoint());
    const series = new RunLog(trainer.hints);
    const { cold } = config;
    let diverged: string | undefined;
    let final: EvalReport | null = null;
    const loop = runLoop([trainer], { until: cold.totalSteps, probeEvery: cold.probeEvery, evalEvery: cold.evalEvery, finalEval: true });
    for await (const ev of loop) {
      if (ev.type === 'step') {
        series.appendReport(ev.report);
        hooks.onStep?.(ev.report, trainer.stepsDone, cold.totalSteps);
      } else if (ev.type === 'probes') series.addProbes(ev.report);
      else if (ev.type === 'eval') {
        series.addEval(ev.report);
        hooks.onEval?.(ev.report);
        if (ev.final) final = ev.report;
      } else if (ev.type === 'diverged') diverged = ev.error.message;
    }
    // A diverged run still reports where it stopped.
    if (!final) {
      final = await trainer.evaluate();
      series.addEval(final);
    }
    const b = (await trainer.checkpoint()).batcher;
    const weights: RunSummary['weights'] = {};
    for (const h of trainer.hints) weights[h] = { v: tailMean(series.column(`v.${h}`)), vt: tailMean(series.column(`vt.${h}`)), raw: tailMean(series.column(`raw.${h}`)) };
    const val = (e: LogEval) => e.valAcc ?? NaN;
    const best = series.evals.reduce((a, e) => (val(e) > val(a) || !Number.isFinite(val(a)) ? e : a), series.evals[0]);
    const runFile = { ...recorder.runFile(describeEnvironment(deps.backend), { teacher: `pretrained ${cold.preset} teacher`, dataset: deps.dataset.name }), log: logToJson(series) };
    const summary: RunSummary = {
      method: cold.method,
      seed: cold.seed,
      preset: cold.preset,
      steps: trainer.stepsDone,
      teacherAcc: trainer.teacherAccuracy,
      final: { testAcc: final.testAcc, testLoss: final.testLoss, valAcc: final.valAcc, valLoss: final.valLoss },
      best: { step: best.step, testAcc: best.testAcc, valAcc: val(best) },
      evals: series.evals.map((e) => ({ step: e.step, testAcc: e.testAcc, valAcc: val(e), testLoss: e.testLoss })),
      weights,
      loss: thin(series.column('step'), series.column('loss.total')),
      wallSeconds: (performance.now() - started) / 1000,
      fingerprint: { init, data: fingerprint([b.rng, b.order, [b.cursor, b.epoch]]) },
      ...(diverged ? { diverged } : {}),
    };
    return { summary, runFile };
  } finally {
    trainer.dispose();
  }
}
