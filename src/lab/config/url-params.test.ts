import { describe, expect, it } from 'vitest';
import { defaultLabConfig } from './lab-config';
import { parseParams, toParams } from './url-params';

describe('URL parameters', () => {
  it('reads small test settings and a backend', () => {
    const { config, errors, flags } = parseParams(new URLSearchParams('batchSize=8&evalSize=50&lr=0.1&beta_kd=2&backend=wasm&compare=kd,hkd&autoplay=1'));
    expect(errors).toEqual([]);
    expect(config.cold.batchSize).toBe(8);
    expect(config.cold.evalSize).toBe(50);
    expect(config.hot.lr).toBe(0.1);
    expect(config.hot.betas.kd).toBe(2);
    expect(config.backend).toBe('wasm');
    expect(config.compare).toEqual(['kd', 'hkd']);
    expect(flags.autoplay).toBe(true);
  });

  it('reports each bad value and keeps its default', () => {
    const d = defaultLabConfig();
    const { config, errors } = parseParams(new URLSearchParams('lr=abc&batchSize=1.5&method=nope&backend=<b>x</b>&mu=2&compare=kd'));
    expect(errors).toHaveLength(6);
    expect(errors[0]).toMatch(/batchSize/);
    expect(config.hot.lr).toBe(d.hot.lr);
    expect(config.cold.batchSize).toBe(d.cold.batchSize);
    expect(config.cold.method).toBe(d.cold.method);
    expect(config.backend).toBe('auto');
    expect(config.compare).toEqual([]);
  });

  it('round-trips a configuration', () => {
    const c = defaultLabConfig();
    c.cold.seed = 7;
    c.cold.method = 'kd';
    c.hot.temperature = 2;
    c.hot.betas.at = 50;
    c.compare = ['ce', 'hkd'];
    c.cold.augment = false;
    c.backend = 'cpu';
    const back = parseParams(toParams(c));
    expect(back.errors).toEqual([]);
    expect(back.config).toEqual(c);
    expect(toParams(defaultLabConfig()).toString()).toBe('');
  });
});
