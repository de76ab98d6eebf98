import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../core/storage/run-store';
import { defaultConfig } from '../../core/train/config';
import { logFromJson } from '../../core/runs/run-log-json';
import { RUN_COLORS } from '../charts/colors';
import { overlayLines } from './overlay-lines';

const record = (name: string, evals: number[]): RunRecord => ({
  id: name, name, createdAt: 1, updatedAt: 1, config: defaultConfig(), seed: 1, edits: [], status: 'paused',
  series: logFromJson({ steps: { step: [0, 1, 2], 'loss.total': [3, 2.5, 2] }, hist: [], evals: evals.map((a, i) => ({ step: 10 * (i + 1), testAcc: a, testLoss: 1, teacherAcc: 0.9, perClassAcc: [] })) }),
});

describe('saved-runs overlay', () => {
  it('puts loss on the left axis and accuracy on the right, one colour per run, no empty lines', () => {
    const lines = overlayLines([record('A', [0.5, 0.6]), record('B', [])]);
    expect(lines.map((l) => [l.name, l.axis, l.color])).toEqual([
      ['A: loss', 'loss', RUN_COLORS[0]], ['A: test accuracy', 'acc', RUN_COLORS[0]], ['B: loss', 'loss', RUN_COLORS[1]],
    ]);
    expect(lines[0].data).toEqual([{ x: 1, y: 3 }, { x: 2, y: 2.5 }, { x: 3, y: 2 }]);
    expect(lines[1].data.map((p) => p.y)).toEqual([0.5, 0.6]);
  });
});
