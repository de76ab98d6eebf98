// `npm run train`: headless training on the embedded data with the preset's pretrained teacher,
// through the core's run loop (run-one.ts). It writes a run file the lab opens.
import { writeFileSync } from 'node:fs';
import { encodeRunFile } from '../core/runs/runfile';
import { startNodeBackend } from '../node/backend';
import { loadEmbeddedDatasetFromDisk } from '../node/embedded';
import { loadTeacherFromDisk } from '../node/teachers';
import { methodSpec } from '../core/methods/methods';
import { parseTrainArgs, UsageError, USAGE, type TrainArgs } from './args';
import { runOne } from './run-one';

export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '?';
  return s >= 90 ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s` : `${Math.round(s)} s`;
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

async function main(args: TrainArgs): Promise<number> {
  const backend = await startNodeBackend(args.backend);
  console.log(`backend: ${backend.name} (${backend.reason})`);
  const dataset = await loadEmbeddedDatasetFromDisk();
  const { teacher, accuracy: recorded } = await loadTeacherFromDisk(args.preset);
  const { cold } = args.config;
  console.log(`${args.preset} preset; method ${methodSpec(cold.method).label}; seed ${cold.seed}; ${cold.totalSteps} steps of batch ${cold.batchSize} (${cold.lrSchedule} learning rate from ${args.config.hot.lr})`);
  const started = performance.now();
  let lastPrint = 0;
  let lastTest = '';
  const { summary, runFile } = await runOne(args.config, { dataset, teacher, backend: backend.name }, {
    onEval: (e) => (lastTest = `  test ${(e.testAcc * 100).toFixed(1)}%`),
    onStep: (r, done, total) => {
      if (performance.now() - lastPrint < 2000 && done < total) return;
      lastPrint = performance.now();
      const rate = done / ((performance.now() - started) / 1000);
      console.log(
        `step ${done}/${total}  loss ${r.losses.total.toFixed(4)}  train acc ${(r.trainAcc * 100).toFixed(1)}%${lastTest}  lr ${r.lr.toPrecision(3)}  ` +
          `${rate.toFixed(1)} steps/s  ETA ${formatSeconds((total - done) / rate)}`,
      );
    },
  });
  if (summary.diverged) console.error(summary.diverged);
  console.log(
    `\nsummary\n  teacher test accuracy  ${pct(summary.teacherAcc)} (recorded ${pct(recorded)})\n  student test accuracy  ${pct(summary.final.testAcc)}` +
      (Number.isFinite(summary.final.valAcc) ? `\n  student validation accuracy  ${pct(summary.final.valAcc)}` : ''),
  );
  for (const [h, w] of Object.entries(summary.weights)) {
    console.log(`  mean weight ${h.padEnd(7)}  v ${w.v.toFixed(3)}  ṽ ${w.vt.toFixed(3)}  raw ${w.raw.toFixed(3)}  (last 10% of steps)`);
  }
  if (!Object.keys(summary.weights).length) console.log('  (no hints: CE only)');
  if (args.out) {
    writeFileSync(args.out, encodeRunFile(runFile));
    console.log(`wrote ${args.out} (a run file: open it in the lab to replay the run)`);
  }
  return summary.diverged ? 1 : 0;
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
