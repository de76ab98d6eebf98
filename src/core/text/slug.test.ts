import { describe, expect, it } from 'vitest';
import { slug } from './slug';

describe('slug', () => {
  it('keeps letters and digits, joins the rest with single dashes', () => {
    expect(slug('  CIFAR-10 (binary) v2!  ', 'x')).toBe('cifar-10-binary-v2');
  });

  it('uses the fallback when nothing is left', () => {
    expect(slug('¿¡…!', 'run')).toBe('run');
    expect(slug('', 'dataset')).toBe('dataset');
  });

  it('cuts to the length without leaving a dash at the end', () => {
    expect(slug('abc def', 'x', 4)).toBe('abc');
    expect(slug('a'.repeat(50), 'x', 40)).toHaveLength(40);
  });
});
