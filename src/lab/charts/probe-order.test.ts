import { describe, expect, it } from 'vitest';
import type { ProbeSnapshot } from '../store/lab-store';
import { probeOrder, probeWeight, weightText } from './probe-order';

// Three probes, two hints. Probe 0 was last seen early: its stored ṽ is still 1 while the network
// now turns it down (v 0.2); probe 2 was never in a batch (ṽ = v, step −1).
const snap: ProbeSnapshot = {
  step: 40,
  v: Float32Array.from([0.2, 1.5, 1.1, 0.9, 0.7, 1.0]),
  vt: Float32Array.from([1.0, 1.0, 0.5, 0.9, 0.7, 1.0]),
  vtStep: Int32Array.from([3, 38, -1]),
  losses: Float32Array.from([0.1, 2, 0.5, 0.9, 1, 0.4, 0.3, 3, 0.2]),
  preds: Int32Array.from([2, 0, 1]),
};
const labels = [1, 0, 1];

describe('probe gallery order', () => {
  it('sorts by weight v now, not by the stored ṽ', () => {
    expect(probeOrder(snap, labels, 0, 2, 'weight-asc')).toEqual([0, 2, 1]);
    expect(probeOrder(snap, labels, 0, 2, 'weight-desc')).toEqual([1, 2, 0]);
    expect(probeOrder(snap, labels, 1, 2, 'weight-asc')).toEqual([1, 2, 0]);
  });

  it('sorts by the chosen hint’s loss, the label or the prediction, ties in probe order', () => {
    expect(probeOrder(snap, labels, 0, 2, 'loss-desc')).toEqual([2, 0, 1]);
    expect(probeOrder(snap, labels, 1, 2, 'loss-desc')).toEqual([0, 1, 2]);
    expect(probeOrder(snap, labels, 0, 2, 'label')).toEqual([1, 0, 2]);
    expect(probeOrder(snap, labels, 0, 2, 'pred')).toEqual([1, 2, 0]);
  });

  it('keeps probe order before the first snapshot', () => {
    expect(probeOrder(undefined, labels, 0, 2, 'weight-asc')).toEqual([0, 1, 2]);
  });

  it('shows v now first, then the stored ṽ with the step it was last updated', () => {
    expect(probeWeight(snap, 0, 0, 2)).toEqual({ now: expect.closeTo(0.2, 6), stored: 1, at: 3 });
    expect(weightText('kd', probeWeight(snap, 0, 0, 2))).toBe('kd 0.20 (ṽ 1.00 @ step 3)');
    expect(weightText('at', probeWeight(snap, 2, 1, 2))).toBe('at 1.00 (ṽ 1.00 not yet updated)');
  });
});
