import { describe, expect, it } from 'vitest';
import { HOT_RULES, COLD_RULES } from '../../core/train/validate';
import { checkInput } from './parse-input';

describe('checkInput', () => {
  it('accepts values in range', () => {
    expect(checkInput(HOT_RULES.lr, '0.1')).toBeNull();
    expect(checkInput(COLD_RULES.batchSize!, ' 8 ')).toBeNull();
  });
  it('refuses non-numbers, quoting the input', () => {
    expect(checkInput(HOT_RULES.lr, 'fast')).toMatch(/"fast" is not a number/);
    expect(checkInput(HOT_RULES.lr, '')).toMatch(/is not a number/);
  });
  it('refuses out-of-range and non-integer values', () => {
    expect(checkInput(HOT_RULES.lr, '5')).toMatch(/out of range/);
    expect(checkInput(COLD_RULES.batchSize!, '8.5')).toMatch(/whole number/);
  });
});
