// `npm run train`: headless training on the embedded data with the preset's pretrained teacher.
import { writeFileSync } from 'node:fs';
import { startNodeBackend } from '../node/backend';
import { loadEmbeddedDatasetFromDisk } from '../node/embedded';
import { loadTeacherFromDisk } from '../node/teachers';
import { DivergedError } from '../core/train/errors';
import { emptySeries, recordEval, recordProbes, recordStep, tailMean } from '../core/train/series';
import { Trainer } from '../core/train/trainer';
import { parseTrainArgs, UsageError, USAGE, type TrainArgs } from './args';

function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '?';
  return s >= 90 ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s` : `${Math.round(s)} s`;
}

async function main(args: TrainArgs): Promise<number> {
  const backend = await startNodeBackend(args.backend);
  console.log(`backend: ${backend.name} (${backend.reason})`);
  const dataset = await loadEmbeddedDatasetFromDisk();
  const { teacher, accuracy: recorded } = await loadTeacherFromDisk(args.preset);
  const config = args.config;
  const trainer = await Trainer.create({ config, dataset, teacher });
  console.log(
    `${trainer.preset.label}; method ${trainer.method.label}; seed ${args.seed}; ${args.steps} steps of batch ${args.batch}\n` +
      `teacher test accuracy ${(trainer.teacherAccuracy * 100).toFixed(2)}% (recorded ${(recorded * 100).toFixed(2)}%)`,
  );
  const series = emptySeries();
  const started = performance.now();
  let lastPrint = 0;
  let status = 0;
  try {
    for (let i = 0; i < args.steps; i++) {
      const r = await trainer.step();
      recordStep(series, r);
      const done = i + 1;
      if (config.cold.probeEvery && done % config.cold.probeEvery === 0) recordProbes(series, await trainer.probes());
      if (args.evalEvery && done % args.evalEvery === 0 && done < args.steps) recordEval(series, await trainer.evaluate());
      const elapsed = (performance.now() - started) / 1000;
      if (performance.now() - lastPrint > 2000 || done === args.steps) {
        lastPrint = performance.now();
        const rate = done / elapsed;
        const test = series.evals.length ? `  test ${(series.evals[series.evals.length - 1].testAcc * 100).toFixed(1)}%` : '';
        console.log(
          `step ${done}/${args.steps}  loss ${r.losses.total.toFixed(4)}  train acc ${(r.trainAcc * 100).toFixed(1)}%${test}  ` +
            `${rate.toFixed(1)} steps/s  ETA ${formatSeconds((args.steps - done) / rate)}`,
        );
      }
    }
  } catch (e) {
    if (!(e instanceof DivergedError)) throw e;
    console.error(e.message);
    status = 1;
  }
  const final = await trainer.evaluate();
  recordEval(series, final);
  console.log(`\nsummary\n  teacher test accuracy  ${(final.teacherAcc * 100).toFixed(2)}%\n  student test accuracy  ${(final.testAcc * 100).toFixed(2)}%`);
  for (const h of trainer.hints) {
    console.log(`  mean weight ${h.padEnd(7)}  v ${tailMean(series.steps[`v.${h}`]).toFixed(3)}  ṽ ${tailMean(series.steps[`vt.${h}`]).toFixed(3)}  (last 10% of steps)`);
  }
  if (!trainer.hints.length) console.log('  (no hints: CE only)');
  if (args.out) {
    const file = {
      format: 'hkd-lab-run',
      version: 1,
      config,
      environment: { backend: backend.name, node: process.version, platform: process.platform, date: new Date().toISOString() },
      teacherAccuracy: trainer.teacherAccuracy,
      series,
    };
    writeFileSync(args.out, JSON.stringify(file));
    console.log(`wrote ${args.out}`);
  }
  trainer.dispose();
  return status;
}

let args: TrainArgs;
try {
  args = parseTrainArgs(process.argv.slice(2));
} catch (e) {
  if (!(e instanceof UsageError)) throw e;
  console.error(`error: ${e.message}\n\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
main(args).then(
  (code) => process.exit(code),
  (e) => {
    console.error(`error: ${(e as Error).message}`);
    process.exit(1);
  },
);
