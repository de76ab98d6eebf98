// Which γ and β a reproduce run uses: each method its own, except the ones the user set.
import { describe, expect, it } from 'vitest';
import { methodCoefficients } from '../core/settings';
import { parseReproduceArgs, runConfig } from './reproduce-args';

describe('reproduce coefficients', () => {
  it('gives each method its own γ and β when none is set', () => {
    const a = parseReproduceArgs(['--methods', 'kd,fitnet,hkd']);
    for (const m of ['kd', 'fitnet', 'hkd'] as const) {
      const own = methodCoefficients(m);
      expect(runConfig(a, m, 1).hot).toMatchObject({ gamma: own.gamma, betas: own.betas });
    }
  });

  it('holds a β set by flag for every method and leaves the rest per method', () => {
    const a = parseReproduceArgs(['--methods', 'fitnet,hkd', '--beta-at', '7']);
    expect(runConfig(a, 'fitnet', 1).hot).toMatchObject({ gamma: 1, betas: { fitnet: 100, at: 7 } });
    expect(runConfig(a, 'hkd', 2).hot).toMatchObject({ gamma: 0.1, betas: { fitnet: methodCoefficients('hkd').betas.fitnet, at: 7 } });
  });

  it('holds γ and β from --config the same way', () => {
    const file = JSON.stringify({ hot: { gamma: 0.5, betas: { kd: 2 } } });
    const a = parseReproduceArgs(['--methods', 'fitnet', '--config', 'x.json'], () => file);
    expect(runConfig(a, 'fitnet', 1).hot).toMatchObject({ gamma: 0.5, betas: { kd: 2, fitnet: 100 } });
  });
});
