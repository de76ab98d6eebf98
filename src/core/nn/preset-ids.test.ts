import { describe, expect, it } from 'vitest';
import { PRESET_IDS } from './preset-ids';
import { PRESETS } from './presets';

describe('PRESET_IDS', () => {
  it('lists exactly the presets', () => {
    expect(PRESET_IDS).toEqual(PRESETS.map((p) => p.id));
  });
});
