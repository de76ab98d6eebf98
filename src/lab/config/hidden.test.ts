import { describe, expect, it } from 'vitest';
import { changesLocked } from './hidden';
import { defaultLabConfig, type LabConfig } from './lab-config';

const base = defaultLabConfig();
const withCold = (c: Partial<LabConfig['cold']>, compare: LabConfig['compare'] = base.compare): LabConfig => ({ ...base, compare, cold: { ...base.cold, ...c } });

describe('changesLocked', () => {
  it('names each locked setting a new configuration would change, and only those', () => {
    const next = withCold({ seed: base.cold.seed + 1, method: base.cold.method === 'kd' ? 'hkd' : 'kd' });
    expect(changesLocked(base, next, ['seed'])).toEqual(['seed']);
    expect(changesLocked(base, next, ['method', 'preset', 'seed'])).toEqual(['method', 'seed']);
    expect(changesLocked(base, next, ['preset'])).toEqual([]);
    expect(changesLocked(base, withCold({ preset: base.cold.preset === 'cnn' ? 'resnet' : 'cnn' }), ['preset'])).toEqual(['preset']);
  });

  it('counts a compare lesson as a change of method (its runs use other methods)', () => {
    expect(changesLocked(base, withCold({}, ['ce', 'kd']), ['method'])).toEqual(['method']);
    // The same single method, reached by another route, is no change.
    expect(changesLocked(withCold({}, []), withCold({}, []), ['method'])).toEqual([]);
  });
});
