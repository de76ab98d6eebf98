// Runs `reproduce`'s runs in child processes, at most `jobs` at a time (tfjs on wasm uses one core
// per process), with one progress bar and an ETA over all of them. Each child writes its result
// file itself, so a run that finished is never run again (the command is resumable).
import { SingleBar } from 'cli-progress';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { TrainConfig } from '../core/train/config';

export interface PlannedRun {
  label: string;
  config: TrainConfig;
  /** Where the child writes its RunOutput. */
  out: string;
  spec: string;
}

/** A child's line on stdout: progress (steps done) or its end. */
export type ChildLine = { progress: number } | { done: true } | { error: string };

export async function runPool(runs: PlannedRun[], jobs: number, entry: string, backend: string): Promise<{ failed: { label: string; error: string }[] }> {
  const total = runs.reduce((a, r) => a + r.config.cold.totalSteps, 0);
  const bar = new SingleBar({
    format: '{bar} {percentage}% | {finished}/{runs} runs | {value}/{total} steps | {eta_formatted} left',
    etaBuffer: 200,
    noTTYOutput: true,
    notTTYSchedule: 15_000,
    hideCursor: true,
  });
  const progress = new Map<string, number>();
  let finished = 0;
  bar.start(total, 0, { finished, runs: runs.length });
  const update = () => bar.update([...progress.values()].reduce((a, b) => a + b, 0), { finished });
  const failed: { label: string; error: string }[] = [];
  const queue = [...runs];
  const one = (run: PlannedRun) =>
    new Promise<void>((resolve) => {
      writeFileSync(run.spec, JSON.stringify({ config: run.config, out: run.out, backend }));
      const child = spawn(process.execPath, ['--enable-source-maps', entry, '--run-one', run.spec], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      let buf = '';
      child.stderr.on('data', (d) => (err += d));
      child.stdout.on('data', (d) => {
        buf += d;
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          if (!line.startsWith('{')) continue;
          const msg = JSON.parse(line) as ChildLine;
          if ('progress' in msg) progress.set(run.label, msg.progress);
          if ('error' in msg) err += msg.error;
          update();
        }
      });
      child.on('close', (code) => {
        if (code === 0) progress.set(run.label, run.config.cold.totalSteps);
        else failed.push({ label: run.label, error: err.trim().split('\n').slice(-3).join(' ') || `exit code ${code}` });
        finished++;
        update();
        resolve();
      });
    });
  const worker = async () => {
    for (let run = queue.shift(); run; run = queue.shift()) await one(run);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, runs.length)) }, worker));
  bar.stop();
  return { failed };
}
