// `npm run reproduce`: does HKD help here? Every (method, seed) pair trains through the core's run
// loop (same initialisation and batches for a seed, whatever the method), in parallel up to the
// number of cores; then the table: mean ± sd of the final test accuracy per method, the best
// (optimistic), paired differences with 95 % intervals, mean weights, wall time. Written as
// Markdown, CSV and JSON (the lab opens the JSON). Finished runs are skipped when run again.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { aggregate, encodeReproduceResult, toCsv, toMarkdown, type RunSummary } from '../core/reproduce/result';
import type { TrainConfig } from '../core/train/config';
import { startNodeBackend } from '../node/backend';
import { loadEmbeddedDatasetFromDisk } from '../node/embedded';
import { loadTeacherFromDisk } from '../node/teachers';
import { parseReproduceArgs, REPRODUCE_USAGE, runConfig, type ReproduceArgs } from './reproduce-args';
import { UsageError } from './args';
import { runPool, type ChildLine, type PlannedRun } from './reproduce-pool';
import { runOne, type RunOutput } from './run-one';

const say = (line: ChildLine) => process.stdout.write(JSON.stringify(line) + '\n');

/** Child mode: one run from its spec file; progress as JSON lines; the result written atomically. */
async function child(specFile: string): Promise<number> {
  const spec = JSON.parse(readFileSync(specFile, 'utf8')) as { config: TrainConfig; out: string; backend: 'wasm' | 'cpu' };
  const backend = await startNodeBackend(spec.backend);
  const dataset = await loadEmbeddedDatasetFromDisk();
  const { teacher } = await loadTeacherFromDisk(spec.config.cold.preset);
  let last = 0;
  const out = await runOne(spec.config, { dataset, teacher, backend: backend.name }, {
    onStep: (_, done) => {
      if (performance.now() - last > 500) {
        last = performance.now();
        say({ progress: done });
      }
    },
  });
  writeFileSync(spec.out + '.tmp', JSON.stringify(out, (_, x) => (typeof x === 'number' && !Number.isFinite(x) ? null : x)));
  renameSync(spec.out + '.tmp', spec.out);
  say({ done: true });
  return 0;
}

function plan(args: ReproduceArgs, dir: string): { todo: PlannedRun[]; all: { out: string; config: TrainConfig }[] } {
  const all = args.methods.flatMap((method) =>
    args.seeds.map((seed) => {
      const config = runConfig(args, method, seed);
      const label = `${method}-seed${seed}`;
      return { label, config, out: join(dir, 'runs', `${label}.json`), spec: join(dir, 'runs', `${label}.spec.json`) };
    }),
  );
  // A finished run with the same configuration is kept; one with another configuration is redone.
  const todo = all.filter((r) => {
    if (!existsSync(r.out)) return true;
    try {
      const done = JSON.parse(readFileSync(r.out, 'utf8')) as RunOutput;
      return JSON.stringify(done.runFile.config) !== JSON.stringify(r.config);
    } catch {
      return true;
    }
  });
  return { todo, all };
}

async function main(args: ReproduceArgs, entry: string): Promise<number> {
  const dir = resolve(args.out);
  mkdirSync(join(dir, 'runs'), { recursive: true });
  const { todo, all } = plan(args, dir);
  const jobs = args.jobs ?? availableParallelism();
  const { preset, totalSteps } = args.base.cold;
  console.log(`${args.methods.length} methods × ${args.seeds.length} seeds on ${preset}, ${totalSteps} steps each: ${all.length - todo.length} already done, ${todo.length} to run, ${jobs} at a time (results in ${dir})`);
  const started = performance.now();
  const { failed } = await runPool(todo, jobs, entry, args.backend);
  for (const f of failed) console.error(`run ${f.label} failed: ${f.error}`);
  const outputs = all.filter((r) => existsSync(r.out)).map((r) => JSON.parse(readFileSync(r.out, 'utf8'), (_, x) => (x === null ? NaN : x)) as RunOutput);
  const runs: RunSummary[] = outputs.map((o) => o.summary);
  const backend = outputs[0]?.runFile.environment.backend ?? args.backend;
  const result = aggregate(runs, {
    command: `npm run reproduce -- ${process.argv.slice(2).join(' ')}`,
    date: new Date().toISOString(),
    environment: { backend, node: process.version, cpus: String(availableParallelism()), platform: `${process.platform} ${process.arch}` },
    preset,
    steps: totalSteps,
    // This invocation's wall time; the per-method run time is in the table.
    wallSeconds: (performance.now() - started) / 1000,
  });
  const md = toMarkdown(result);
  writeFileSync(join(dir, 'results.md'), `${result.command}\n\n${md}`);
  writeFileSync(join(dir, 'results.csv'), toCsv(result));
  writeFileSync(join(dir, 'results.json'), encodeReproduceResult(result));
  console.log(`\n${md}\nwall time ${(result.wallSeconds / 60).toFixed(1)} min; wrote results.md, results.csv and results.json in ${dir}`);
  return failed.length ? 1 : 0;
}

const argv = process.argv.slice(2);
const exit = (p: Promise<number>) =>
  p.then(
    (code) => process.exit(code),
    (e) => {
      console.error(`error: ${(e as Error).message}`);
      process.exit(1);
    },
  );
if (argv[0] === '--run-one') exit(child(argv[1]));
else {
  let args: ReproduceArgs;
  try {
    args = parseReproduceArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`error: ${e.message}\n\n${REPRODUCE_USAGE}`);
    process.exit(2);
  }
  if (args.help) {
    console.log(REPRODUCE_USAGE);
    process.exit(0);
  }
  exit(main(args, process.argv[1]));
}
