import { describe, expect, it } from 'vitest';
import { markerRows } from './marker-layout';

describe('edit marker labels', () => {
  it('puts a label that would overlap the one before it on the next row', () => {
    // 400 px for 400 steps: "lr=0.02" takes about 62 px, i.e. 62 steps.
    expect(markerRows([{ step: 100, label: 'lr=0.02' }, { step: 110, label: 'μ=0.9' }], 400)).toEqual([0, 1]);
    expect(markerRows([{ step: 100, label: 'lr=0.02' }, { step: 200, label: 'μ=0.9' }], 400)).toEqual([0, 0]);
  });

  it('reuses a row once the label in it has ended, whatever the input order', () => {
    expect(markerRows([{ step: 300, label: 'T=2' }, { step: 100, label: 'lr=0.02' }, { step: 105, label: 'γ=0.5' }, { step: 110, label: 'μ=0.9' }], 400)).toEqual([0, 0, 1, 2]);
  });

  it('on a short axis, markers a few steps apart stack, and no further', () => {
    expect(markerRows([{ step: 3, label: 'lr=0.02' }, { step: 5, label: 'μ=0.9' }], 20)).toEqual([0, 1]);
    expect(markerRows([{ step: 3, label: 'lr=0.02' }, { step: 8, label: 'μ=0.9' }], 20)).toEqual([0, 0]);
  });
});
