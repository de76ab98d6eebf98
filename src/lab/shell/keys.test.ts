import { describe, expect, it } from 'vitest';
import { isPresenterKey, spaceAction, type FocusInfo } from './keys';

const f = (tag: string, more: Partial<FocusInfo> = {}): FocusInfo => ({ tag, byPointer: false, ...more });
const plain = { ctrlKey: false, metaKey: false, altKey: false };

describe('Space', () => {
  it('toggles play on the page itself', () => {
    expect(spaceAction(f('body'))).toBe('toggle-play');
    expect(spaceAction(f('div'))).toBe('toggle-play');
    expect(spaceAction(f('input', { type: 'range' }))).toBe('toggle-play');
  });
  it('stays with text fields and selects', () => {
    expect(spaceAction(f('input'))).toBe('leave-to-control');
    expect(spaceAction(f('input', { type: 'text', byPointer: true }))).toBe('leave-to-control');
    expect(spaceAction(f('input', { type: 'number' }))).toBe('leave-to-control');
    expect(spaceAction(f('textarea'))).toBe('leave-to-control');
    expect(spaceAction(f('select', { byPointer: true }))).toBe('leave-to-control');
    expect(spaceAction(f('div', { contentEditable: true }))).toBe('leave-to-control');
  });
  it('activates a button reached with the keyboard, but not one that was clicked', () => {
    expect(spaceAction(f('button'))).toBe('leave-to-control');
    expect(spaceAction(f('button', { byPointer: true }))).toBe('toggle-play');
    expect(spaceAction(f('input', { type: 'checkbox' }))).toBe('leave-to-control');
    expect(spaceAction(f('input', { type: 'checkbox', byPointer: true }))).toBe('toggle-play');
    expect(spaceAction(f('summary', { byPointer: true }))).toBe('toggle-play');
    expect(spaceAction(f('div', { role: 'button' }))).toBe('leave-to-control');
  });
});

describe('the presenter key', () => {
  it('is a plain p outside text fields', () => {
    expect(isPresenterKey({ key: 'p', ...plain }, f('body'))).toBe(true);
    expect(isPresenterKey({ key: 'P', ...plain }, f('button'))).toBe(true);
    expect(isPresenterKey({ key: 'p', ...plain }, f('input'))).toBe(false);
    expect(isPresenterKey({ key: 'p', ...plain, ctrlKey: true }, f('body'))).toBe(false);
    expect(isPresenterKey({ key: 'o', ...plain }, f('body'))).toBe(false);
  });
});
