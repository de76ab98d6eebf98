// The step-through's stages carry the traced step's own numbers, and say plainly when a step has no
// meta update (fixed weights, or between meta steps).
import { describe, expect, it } from 'vitest';
import type { StepTrace } from '../../core/train/step-trace';
import { gSign, noMetaReason, shownInstances, stagesOf } from './step-stages';

const batch = { indices: Int32Array.from([4, 9]), labels: Int32Array.from([1, 2]) };
const trace = (meta: boolean): StepTrace => ({
  step: 12, hints: ['kd', 'at'], batch,
  losses: new Float32Array(6),
  meta: meta
    ? {
        batch, alpha: 0.05, betas: [0.9, 100], vBefore: Float32Array.from([1, 0.5, 0.75, 1.5]), virtualStepNorm: 0.3125,
        metaLossAtW: 2.25, metaLoss: 2.125, dNorm: 1.5, G: Float32Array.from([0.5, -0.25, 0, 1]), metaGradNorm: 0.0625, thetaStepNorm: 0.0078125,
      }
    : null,
  v: Float32Array.from([1.25, 0.5, 0.75, 1]),
  vt: Float32Array.from([1, 1, 1, 1]),
  actual: { lr: 0.05, total: 1.75, terms: { total: 1.75, ce: 2.5, kd: 0.5, at: 0.01 }, gradNorm: 3.5 },
});
const row = (numbers: [string, string][], what: string) => numbers.find(([k]) => k === what)?.[1];

describe('step-through stages', () => {
  it('are the seven stages of HKD.md §4 with the step’s numbers', () => {
    const s = stagesOf(trace(true), 'unused');
    expect(s.map((x) => x.title.slice(0, 2))).toEqual(['1.', '2.', '3.', '4.', '5.', '6.', '7.']);
    expect(row(s[0].numbers, 'mean over the batch, kd')).toBe('0.8750');
    expect(row(s[0].numbers, 'mean over the batch, at')).toBe('1.0000');
    expect(row(s[1].numbers, '‖ŵ − w‖')).toBe('0.3125');
    expect(row(s[2].numbers, 'meta loss at w')).toBe('2.2500');
    expect(row(s[2].numbers, 'meta loss at ŵ')).toBe('2.1250');
    expect(row(s[4].numbers, '‖ΔΘ‖')).toBe('0.0078');
    expect(row(s[4].numbers, 'β, at')).toBe('100.0000');
    expect(row(s[5].numbers, 'v, mean over the batch, kd')).toBe('1.0000');
    expect(row(s[6].numbers, 'loss, ce')).toBe('2.5000');
    expect(s[6].text).toContain('from step 12 to 13');
    expect(s[3].chart).toBe('scatter');
  });

  it('say why stages 1–5 are empty without a meta update', () => {
    const kd = noMetaReason('kd', 'KD', 1);
    expect(kd).toMatch(/KD has no meta-weight network/);
    const between = noMetaReason('hkd', 'HKD', 5);
    expect(between).toMatch(/every 5 steps/);
    const s = stagesOf(trace(false), kd);
    for (const x of s.slice(0, 5)) expect([x.text, x.numbers]).toEqual([kd, []]);
    expect(s[5].numbers.length).toBe(4);
    expect(s[6].numbers.length).toBeGreaterThan(0);
  });

  it('name the sign of G', () => {
    expect(gSign(0.5)).toMatch(/agrees.*weight up/);
    expect(gSign(-0.5)).toMatch(/disagrees.*weight down/);
    expect(gSign(0)).toBe('no effect');
  });
});

describe('the instances stage 4 shows', () => {
  it('are those with the largest |G| over the hints, largest first, ties in batch order', () => {
    // Four instances, two hints: max |G| per instance 0.5, 2, 0.5, 1.
    const G = Float32Array.from([0.5, -0.25, 0, -2, 0.5, 0.5, 1, 0]);
    expect(shownInstances(G, 2, 3)).toEqual([1, 3, 0]);
    expect(shownInstances(G, 2, 8)).toEqual([1, 3, 0, 2]);
  });
});
