import { describe, expect, it } from 'vitest';
import { editLabel, EditSchedule } from './edit-schedule';

describe('EditSchedule', () => {
  it('applies each edit once, after the steps done when it was made, in step order', () => {
    const s = new EditSchedule([
      { step: 5, setting: 'lr', from: 0.05, to: 0.01 },
      { step: 0, setting: 'temperature', from: 4, to: 2 },
      { step: 5, setting: 'betas.kd', from: 0.9, to: 2 },
    ]);
    expect(s.due(0).map((e) => e.setting)).toEqual(['temperature']);
    expect(s.due(0)).toEqual([]);
    expect(s.due(4)).toEqual([]);
    expect(s.due(5).map((e) => e.setting)).toEqual(['lr', 'betas.kd']);
    expect(s.due(100)).toEqual([]);
  });

  it('labels edits for the chart markers', () => {
    expect(editLabel({ setting: 'betas.kd', to: 0.5 })).toBe('βkd=0.5');
    expect(editLabel({ setting: 'lr', to: 0.02 })).toBe('lr=0.02');
    // The same label as the lab's live-settings panel gives (T, not temperature).
    expect(editLabel({ setting: 'temperature', to: 2 })).toBe('T=2');
  });
});
