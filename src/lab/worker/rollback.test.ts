import { describe, expect, it } from 'vitest';
import type { RunEdit } from '../../core/runs/runfile';
import { clampEdits } from './rollback';

describe('after a rollback', () => {
  it('moves the edits made during the dropped steps to the step the run continues from', () => {
    const edits: RunEdit[] = [{ step: 2, setting: 'lr', from: 0.05, to: 2 }, { step: 7, setting: 'betas.kd', from: 0.9, to: 1e4 }];
    clampEdits(edits, 4);
    expect(edits.map((e) => e.step)).toEqual([2, 4]);
  });
});
