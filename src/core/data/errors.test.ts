import { describe, expect, it } from 'vitest';
import { DataFormatError } from './errors';

describe('DataFormatError', () => {
  it('names file, expected, found, offset and what to do', () => {
    const e = new DataFormatError({ file: 'a.bin', expected: 'X', found: 'Y', offset: 12, hint: 'Do Z.' });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('DataFormatError');
    expect(e.message).toBe('a.bin: expected X, found Y at byte offset 12. Do Z.');
    expect([e.file, e.expected, e.found, e.offset]).toEqual(['a.bin', 'X', 'Y', 12]);
  });
});
