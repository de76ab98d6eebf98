import { describe, expect, it } from 'vitest';
import { rovingMove } from './roving';

describe('roving tabindex moves', () => {
  it('moves by one along a row and by a row up and down, staying inside', () => {
    // 10 items in 4 columns: rows 0-3, 4-7, 8-9.
    expect(rovingMove('ArrowRight', 0, 10, 4)).toBe(1);
    expect(rovingMove('ArrowRight', 9, 10, 4)).toBe(9);
    expect(rovingMove('ArrowLeft', 0, 10, 4)).toBe(0);
    expect(rovingMove('ArrowDown', 1, 10, 4)).toBe(5);
    expect(rovingMove('ArrowDown', 7, 10, 4)).toBe(7);
    expect(rovingMove('ArrowUp', 5, 10, 4)).toBe(1);
    expect(rovingMove('ArrowUp', 2, 10, 4)).toBe(2);
    expect(rovingMove('Home', 6, 10, 4)).toBe(0);
    expect(rovingMove('End', 2, 10, 4)).toBe(9);
  });
  it('leaves other keys to the page', () => {
    expect(rovingMove('Tab', 3, 10, 4)).toBeNull();
    expect(rovingMove(' ', 3, 10, 4)).toBeNull();
    expect(rovingMove('ArrowRight', 0, 0, 4)).toBeNull();
  });
});
