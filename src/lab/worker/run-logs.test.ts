import { describe, expect, it } from 'vitest';
import { RunLog, chunkColumn } from '../../core/runs/run-log';
import { logFrom } from '../../core/runs/run-log.test-util';
import type { StepReport } from '../../core/train/report';
import { RunLogs } from './run-logs';

const report = (step: number) => ({ step, epoch: 0, losses: { total: step, ce: step }, trainAcc: 0, hints: [], meanV: [], meanVt: [], meanVRaw: [], hist: new Float32Array(0), lr: 0.1, stepMs: 1, metaStep: false }) as StepReport;
const steps = (l: RunLog) => Array.from(l.column('step'));

describe('the worker\'s run logs', () => {
  it('record each step at once, and send each row to the page once, in order', () => {
    const logs = new RunLogs([[], []]);
    for (let i = 0; i < 3; i++) [0, 1].forEach((r) => logs.step(r, report(i)));
    const first = logs.unsent();
    expect(first.map((c) => [c.runId, Array.from(chunkColumn(c, 'step'))])).toEqual([[0, [0, 1, 2]], [1, [0, 1, 2]]]);
    expect(logs.unsent()).toEqual([]);
    logs.step(1, report(3));
    expect(logs.unsent().map((c) => [c.runId, Array.from(chunkColumn(c, 'loss.total'))])).toEqual([[1, [3]]]);
    // The page's log, fed these chunks, holds the worker's rows.
    const page = new RunLog([]);
    for (const c of first) if (c.runId === 0) page.append(c);
    expect(steps(page)).toEqual(steps(logs.logs[0]));
  });

  it('each run keeps only its rows before the step it went back to; unsent rows past it never go out', () => {
    const logs = new RunLogs([[], []]);
    for (let i = 0; i < 8; i++) logs.step(0, report(i));
    for (let i = 0; i < 9; i++) logs.step(1, report(i));
    logs.unsent();
    logs.step(1, report(9));
    logs.rollBack([3, 6]);
    expect(steps(logs.logs[0])).toEqual([0, 1, 2]);
    expect(steps(logs.logs[1])).toEqual([0, 1, 2, 3, 4, 5]);
    expect(logs.unsent()).toEqual([]);
    logs.step(0, report(3));
    expect(logs.unsent().map((c) => Array.from(chunkColumn(c, 'step')))).toEqual([[3]]);
  });

  it('a reopened run continues from its checkpoint: rows, evaluations and probe reports after it go; its past counts as sent', () => {
    const saved = logFrom(['kd'], 8, {});
    saved.evals = [2, 6].map((step) => ({ step, testAcc: 0.5, testLoss: 1, teacherAcc: 0.9, perClassAcc: [] }));
    saved.probes = [2, 4, 6].map((step) => ({ step, indices: [], labels: [], v: [], vt: [], losses: [], preds: [] }));
    const logs = new RunLogs([['kd'], ['kd']], [saved], 4);
    expect(logs.logs[0]).toBe(saved);
    expect(steps(saved)).toEqual([0, 1, 2, 3]);
    expect(saved.evals.map((e) => e.step)).toEqual([2]);
    expect(saved.probes.map((p) => p.step)).toEqual([2, 4]);
    expect(logs.logs[1].length).toBe(0);
    expect(logs.unsent()).toEqual([]);
    expect(logs.all().map((c) => [c.runId, c.length])).toEqual([[0, 4], [1, 0]]);
  });
});
