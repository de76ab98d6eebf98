// Synthetic run summaries for tests (unit and e2e): deterministic numbers that differ by method,
// seed and step, so a wrong mean, sd or step alignment shows up in what is drawn and tabulated.
import type { RunSummary } from './result';

const HINTS: Record<string, string[]> = { ce: [], kd: ['kd'], multi: ['kd', 'fitnet', 'at'], hkd: ['kd', 'fitnet', 'at'] };

export function syntheticRun(method: string, seed: number, evalSteps: number[], opts: { diverged?: boolean } = {}): RunSummary {
  const m = Object.keys(HINTS).indexOf(method) + 1;
  const acc = (step: number) => 0.5 + 0.04 * m + 0.01 * ((seed * 7 + m) % 5) + 0.0001 * step;
  const evals = evalSteps.map((step) => ({ step, testAcc: acc(step), valAcc: acc(step) - 0.01, testLoss: 1 / (1 + step / 100) + 0.01 * seed }));
  const last = evals[evals.length - 1];
  const best = evals.reduce((a, e) => (e.valAcc > a.valAcc ? e : a), evals[0]);
  const lossSteps = evalSteps.filter((s) => s > 0);
  return {
    method,
    seed,
    preset: 'cnn',
    steps: last.step,
    teacherAcc: 0.905,
    final: { testAcc: last.testAcc, testLoss: last.testLoss, valAcc: last.valAcc, valLoss: last.testLoss },
    best: { step: best.step, testAcc: best.testAcc + 0.002, valAcc: best.valAcc },
    evals,
    weights: Object.fromEntries((HINTS[method] ?? []).map((h, i) => [h, { v: 1, vt: 0.8 + 0.1 * i + 0.02 * seed, raw: 0 }])),
    loss: { step: lossSteps, total: lossSteps.map((s) => 2 / (1 + s / 50) + 0.05 * seed + 0.01 * m) },
    wallSeconds: 30 + seed + m,
    fingerprint: { init: `init-${seed}`, data: `data-${seed}` },
    ...(opts.diverged ? { diverged: 'loss became NaN at step 40' } : {}),
  };
}

/** Every method × seed, evaluated at `evalSteps`. */
export function syntheticRuns(methods: string[], seeds: number[], evalSteps = [0, 50, 100, 150, 200]): RunSummary[] {
  return methods.flatMap((m) => seeds.map((s) => syntheticRun(m, s, evalSteps)));
}

export const SYNTHETIC_META = { command: 'npm run reproduce -- --seeds 1,2,3 --steps 200', date: '2025-01-02T03:04:05.000Z', environment: { backend: 'wasm' }, preset: 'cnn', steps: 200, wallSeconds: 456 };
