import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../core/nn/presets';
import { PRESET_META } from './presets-meta';

describe('PRESET_META', () => {
  it('matches the core presets', () => {
    expect(PRESET_META).toEqual(PRESETS.map((p) => ({ id: p.id, label: p.label })));
  });
});
