import { describe, expect, it } from 'vitest';
import { COLD, HOT } from '../../core/settings';
import { checkInput, readNumber } from './parse-input';

describe('reading a field through the schema', () => {
  it('accepts values in range, as links and flags write them', () => {
    expect(checkInput(HOT.lr, '0.1')).toBeNull();
    expect(readNumber(COLD.batchSize, ' 8 ')).toEqual({ ok: true, value: 8 });
    expect(readNumber(HOT.metaLr, '1e-3')).toEqual({ ok: true, value: 1e-3 });
  });
  it('refuses non-numbers, quoting the input and naming the setting', () => {
    expect(checkInput(HOT.lr, 'fast')).toBe('learning rate: "fast" is not a number; enter a value from 0.00001 to 2');
    expect(checkInput(HOT.lr, '')).toMatch(/is not a number/);
    // The same text rules as a link: hex and Infinity are not numbers a person means.
    expect(checkInput(HOT.lr, '0x1')).toMatch(/"0x1" is not a number/);
    expect(checkInput(COLD.totalSteps, 'Infinity')).toMatch(/"Infinity" is not a number/);
  });
  it('refuses out-of-range and non-integer values', () => {
    expect(checkInput(HOT.lr, '5')).toMatch(/^learning rate: 5 is out of range/);
    expect(checkInput(COLD.batchSize, '8.5')).toBe('batch size: 8.5 must be a whole number from 2 to 512');
  });
  it('reads fields that are not settings against their own rule', () => {
    expect(checkInput({ min: 5, max: 50, label: 'test share' }, '60')).toBe('test share: 60 is out of range; enter a value from 5 to 50');
  });
});
