import { describe, expect, it } from 'vitest';
import { EditSchedule } from './edit-schedule';

describe('EditSchedule', () => {
  it('applies each edit once, before the step it was recorded at, in step order', () => {
    const s = new EditSchedule([
      { step: 5, setting: 'lr', from: 0.05, to: 0.01 },
      { step: 0, setting: 'temperature', from: 4, to: 2 },
      { step: 5, setting: 'betas.kd', from: 0.9, to: 2 },
    ]);
    expect(s.due(0).map((e) => e.setting)).toEqual(['temperature']);
    expect(s.due(0)).toEqual([]);
    expect(s.due(4)).toEqual([]);
    expect(s.due(5).map((e) => e.setting)).toEqual(['lr', 'betas.kd']);
    expect(s.remaining).toBe(0);
  });
});
