import { describe, expect, it } from 'vitest';
import { EDIT_SETTINGS, defaultConfig, describeChange, editLabel, editSetting, editToPartial, flattenHot, mergeHot } from '.';

describe('live edits by name', () => {
  it('have one label, from the schema’s short labels (chart markers, edit status, saved runs)', () => {
    expect(editLabel({ setting: 'temperature', to: 2 })).toBe('T=2');
    expect(editLabel({ setting: 'lr', to: 0.02 })).toBe('lr=0.02');
    expect(editLabel({ setting: 'betas.kd', to: 0.5 })).toBe('βkd=0.5');
    expect(editLabel({ setting: 'gamma', to: 1 })).toBe('γ=1');
    expect(describeChange({ lr: 0.03, betas: { kd: 2 } as never })).toBe('lr = 0.03, βkd = 2');
  });

  it('name exactly the hot settings, flat', () => {
    expect(EDIT_SETTINGS).toEqual(['lr', 'temperature', 'gamma', 'metaLr', 'mu', 'metaInterval', 'betas.kd', 'betas.fitnet', 'betas.at']);
    const hot = defaultConfig().hot;
    expect(flattenHot(hot)).toEqual({ lr: 0.05, temperature: 4, gamma: 0.1, metaLr: 1e-3, mu: 0.6, metaInterval: 1, 'betas.kd': 0.9, 'betas.fitnet': 1, 'betas.at': 100 });
    expect(editToPartial({ setting: 'betas.at', to: 3 })).toEqual({ betas: { at: 3 } });
    expect(editSetting('batchSize')).toBeNull();
    expect(editSetting('constructor')).toBeNull();
    expect(editSetting('mu')?.reason(2)).toBe('2 is out of range; enter a value from 0 to 0.999');
  });

  it('merge into the settings with one merge, betas key by key, copying', () => {
    const hot = defaultConfig().hot;
    const merged = mergeHot(hot, { gamma: 2, betas: { kd: 5 } as never });
    expect(merged).toEqual({ ...hot, gamma: 2, betas: { ...hot.betas, kd: 5 } });
    expect(hot.gamma).toBe(defaultConfig().hot.gamma);
    expect(hot.betas.kd).toBe(defaultConfig().hot.betas.kd);
    expect(mergeHot(hot, {}).betas).not.toBe(hot.betas);
  });
});
