import { describe, expect, it } from 'vitest';
import { defaultLabConfig } from '../config/lab-config';
import { applyEvent, editFromLog, initialState, type LabState } from './lab-store';
import { hotAt, hotTimeline, replacedBy } from './hot-timeline';

const base = defaultLabConfig().hot;
const now = { ...base, betas: { ...base.betas, at: 50 }, gamma: 0.5 };

describe('hot settings by step', () => {
  it('undoes later edits for earlier steps', () => {
    const t = hotTimeline(now, [
      { step: 10, status: 'applied', changed: { betas: { at: 50 } as never }, before: { betas: { at: base.betas.at } as never } },
      { step: 20, status: 'refused', changed: { gamma: 9 } },
      { step: 30, status: 'applied', changed: { gamma: 0.5 }, before: { gamma: base.gamma } },
    ]);
    expect(hotAt(t, 0)).toMatchObject({ gamma: base.gamma, betas: base.betas });
    expect(hotAt(t, 9).betas.at).toBe(base.betas.at);
    expect(hotAt(t, 10)).toMatchObject({ gamma: base.gamma, betas: { ...base.betas, at: 50 } });
    expect(hotAt(t, 29).gamma).toBe(base.gamma);
    expect(hotAt(t, 30)).toEqual(now);
    expect(hotAt(t, 1e6)).toEqual(now);
  });

  it('without edits every step has the settings now', () => {
    expect(hotAt(hotTimeline(now, []), 5)).toEqual(now);
  });

  it('the store remembers what each applied edit replaced, live and from a run’s edit log', () => {
    let s: LabState = { ...initialState(), hot: base };
    s = { ...s, ...applyEvent(s, { type: 'hot-applied', editId: -1, step: 3, hot: { ...base, betas: { ...base.betas, kd: 2 } }, changed: { betas: { kd: 2 } as never }, label: 'βkd=2' }) };
    expect(s.edits[0].before).toEqual({ betas: { kd: base.betas.kd } });
    expect(replacedBy(now, { gamma: 1, betas: { at: 1 } as never })).toEqual({ gamma: 0.5, betas: { at: 50 } });
    expect(hotAt(hotTimeline(s.hot!, s.edits), 2).betas.kd).toBe(base.betas.kd);
    expect(hotAt(hotTimeline(s.hot!, s.edits), 3).betas.kd).toBe(2);
    const logged = editFromLog({ step: 4, setting: 'betas.at', from: 100, to: 50 }, 1);
    expect(logged.before).toEqual({ betas: { at: 100 } });
    expect(hotAt(hotTimeline(now, [logged]), 3).betas.at).toBe(100);
  });
});
