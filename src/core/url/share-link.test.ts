import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../train/config';
import { defaultLabConfig } from '../../lab/config/lab-config';
import { toParams } from '../../lab/config/url-params';
import { isDatasetId, LINK_KEYS, linkNumber, linkNumberProblem, parseShareLink, toShareLink } from './share-link';

describe('shareable links', () => {
  it('round-trips the whole configuration, seed included, through query and hash', () => {
    const c = defaultConfig({
      cold: { seed: 1234, method: 'kd', preset: 'resnet', batchSize: 64, augment: false, metaInputs: ['losses', 'teacherConf'], ensemble: 'param', dataset: 'import:pets-1' },
      hot: { lr: 0.0123, metaInterval: 5, betas: { kd: 2, fitnet: 0.5, at: 50 } },
    });
    const q = toShareLink(c);
    expect(q).toMatch(/^v=1&/);
    expect(q).toContain('seed=1234');
    for (const input of [q, `?${q}`, `#${q}`, `https://lab.example/?x_hide=1#${q}`]) {
      const r = parseShareLink(input);
      expect(r.config).toEqual(c);
      expect(r.messages).toEqual([]);
    }
    // Every value is in the link by default; onlyChanged keeps the differences only.
    expect(new URLSearchParams(toShareLink(defaultConfig())).size).toBe(LINK_KEYS.length + 1);
    expect(toShareLink(defaultConfig({ hot: { lr: 0.01 } }), { onlyChanged: true })).toBe('v=1&lr=0.01');
  });

  it('reports each bad value (name, value, why) and replaces it by its default; the rest is restored', () => {
    const r = parseShareLink('?seed=42&lr=5&batchSize=abc&method=<script>alert(1)</script>&beta_kd=-3&augment=yes&metaInputs=progress&temperature=2');
    expect(r.config.cold.seed).toBe(42);
    expect(r.config.hot.temperature).toBe(2);
    const d = defaultConfig();
    expect(r.config.hot.lr).toBe(d.hot.lr);
    expect(r.config.cold.batchSize).toBe(d.cold.batchSize);
    expect(r.config.cold.method).toBe(d.cold.method);
    expect(r.config.hot.betas.kd).toBe(d.hot.betas.kd);
    expect(r.problems.map((p) => p.key)).toEqual(['lr', 'batchSize', 'method', 'beta_kd', 'augment', 'metaInputs']);
    expect(r.messages[0]).toBe('lr="5": 5 is out of range; enter a value from 0.00001 to 2; using the default 0.05'.replace('0.00001', String(1e-5)));
    expect(r.messages[1]).toBe('batchSize="abc": "abc" is not a number; enter a value from 2 to 512; using the default 32');
    expect(r.problems[2]).toEqual({ key: 'method', value: '<script>alert(1)</script>', reason: '"<script>alert(1)</script>" is unknown; choose one of ce, kd, fitnet, multi, hkd-noens, hkd', replacedBy: 'hkd' });
  });

  it('refuses numbers in forms Number() would accept but a person would not mean', () => {
    const r = parseShareLink('seed=0x10&lr=&batchSize=1e1&totalSteps=Infinity');
    expect(r.problems.map((p) => p.key)).toEqual(['seed', 'lr', 'totalSteps']);
    expect(r.config.cold.batchSize).toBe(10);
  });

  it('reports unknown keys, repeated keys and over-long values', () => {
    const r = parseShareLink(`foo=1&lr=0.1&lr=0.2&dataset=${'x'.repeat(300)}`);
    expect(r.unknown).toEqual(['foo']);
    expect(r.config.hot.lr).toBe(0.1);
    expect(r.problems.map((p) => [p.key, p.reason])).toEqual([
      ['lr', 'given more than once; the first value is used'],
      ['dataset', 'longer than 200 characters'],
    ]);
    expect(r.problems[1].value.length).toBeLessThanOrEqual(60);
    expect(r.messages).toContain('foo: unknown setting, ignored');
  });

  it('parses <control>_hide flags into a set, reporting a name no control has like a bad value', () => {
    const r = parseShareLink('lr_hide=1&method_hide=1&backend_hide=0&seed_hide=maybe&bad-name_hide=1');
    expect([...r.hidden].sort()).toEqual(['lr', 'method']);
    expect(r.problems.map((p) => p.key)).toEqual(['seed_hide', 'bad-name_hide']);
    expect(r.unknown).toEqual([]);
    const limited = parseShareLink('lr_hide=1&nope_hide=1&__proto___hide=1&constructor_hide=1', { controls: new Set(['lr', 'seed']) });
    expect([...limited.hidden]).toEqual(['lr']);
    expect(limited.messages).toEqual([
      'nope_hide="1": no control is called "nope"; controls that can be hidden: lr, seed',
      '__proto___hide="1": no control is called "__proto__"; controls that can be hidden: lr, seed',
      'constructor_hide="1": no control is called "constructor"; controls that can be hidden: lr, seed',
    ]);
    expect(toShareLink(defaultConfig(), { hidden: ['lr', 'seed'], onlyChanged: true })).toBe('v=1&lr_hide=1&seed_hide=1');
  });

  it('takes extra keys with caller validators (the lab: autoplay, debug)', () => {
    const extraKeys = new Map<string, (v: string) => string | null>([
      ['mode', (v: string) => (['a', 'b'].includes(v) ? null : 'use a or b')],
      ['autoplay', (v: string) => (v === '0' || v === '1' ? null : 'use 0 or 1')],
    ]);
    const r = parseShareLink('mode=a&autoplay=2&constructor=1', { extraKeys });
    expect(r.extras).toEqual(new Map([['mode', 'a']]));
    expect(r.messages).toEqual(['autoplay="2": use 0 or 1', 'constructor: unknown setting, ignored']);
  });

  it("reads the lab's current URLs (url-params.ts toParams) unchanged", () => {
    const lab = defaultLabConfig();
    lab.cold.seed = 9;
    lab.cold.method = 'fitnet';
    lab.hot.betas.at = 7;
    lab.cold.augment = false;
    lab.cold.metaInputs = ['losses', 'studentCorrect'];
    lab.compare = ['kd', 'hkd'];
    lab.teacherSteps = 40;
    const r = parseShareLink(toParams(lab), { defaults: defaultLabConfig() });
    expect(r.messages).toEqual([]);
    expect(r.config).toEqual(lab);
    // Without the lab's defaults, the core reads {cold, hot} and calls the lab's keys unknown.
    const core = parseShareLink(toParams(lab));
    expect(core.config).toEqual({ cold: lab.cold, hot: lab.hot });
    expect(core.unknown).toEqual(['compare', 'backend', 'teacherSteps']);
  });

  it('reads numbers as written in links, and says why one is refused without the rule’s label', () => {
    expect(linkNumber(' 12 ')).toBe(12);
    expect(linkNumber('1e2')).toBe(100);
    expect(linkNumber('-.5')).toBe(-0.5);
    expect(linkNumber('0x10')).toBe('0x10');
    expect(linkNumber('')).toBe('');
    const rule = { min: 1, max: 10, integer: true, label: 'a label: with a colon' };
    expect(linkNumberProblem(rule, '5')).toBeNull();
    expect(linkNumberProblem(rule, 'abc')).toBe('"abc" is not a number; enter a value from 1 to 10');
    expect(linkNumberProblem(rule, '2.5')).toBe('2.5 must be a whole number from 1 to 10');
    expect(linkNumberProblem(rule, '11')).toBe('11 is out of range; enter a value from 1 to 10');
  });

  it('knows a dataset id (links, the lab configuration)', () => {
    for (const id of ['fashion-mnist', 'imp-cifar-10-lq2k3', 'import:pets.1_a']) expect(isDatasetId(id)).toBe(true);
    for (const id of ['', 'a b', 'x/y', '<b>', 'x'.repeat(101)]) expect(isDatasetId(id)).toBe(false);
  });

  it('reports a malformed %-escape for its key and uses the default; the other values still apply', () => {
    for (const input of ['?seed=%&lr=0.1', '?seed=%E0%A4%A&lr=0.1', 'https://lab.example/?seed=%25%&lr=0.1']) {
      const r = parseShareLink(input);
      expect(r.config.cold.seed).toBe(1);
      expect(r.config.hot.lr).toBe(0.1);
      expect(r.problems.map((p) => [p.key, p.reason, p.replacedBy])).toEqual([['seed', 'a malformed %-escape (write a literal % as %25)', '1']]);
    }
    expect(parseShareLink('?%E0%A4%A=3').messages).toEqual(['%E0%A4%A="3": a malformed %-escape (write a literal % as %25)']);
  });

  it('treats __proto__, constructor, toString and tfjsflags as unknown settings, changing nothing', () => {
    const r = parseShareLink('__proto__=5&constructor=1&toString=2&hasOwnProperty=x&tfjsflags=DEBUG:true&seed=3');
    expect(r.unknown).toEqual(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'tfjsflags']);
    expect(r.problems).toEqual([]);
    expect(r.config).toEqual(defaultConfig({ cold: { seed: 3 } }));
    expect(Object.getPrototypeOf(r.config)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it("gives γ and β the link's method's defaults unless the link sets them", () => {
    const fitnet = parseShareLink('method=fitnet');
    expect(fitnet.config.hot.gamma).toBe(1);
    expect(fitnet.config.hot.betas.fitnet).toBe(100);
    expect(parseShareLink('method=fitnet&gamma=0.5&beta_fitnet=7').config.hot).toMatchObject({ gamma: 0.5, betas: { fitnet: 7 } });
    expect(parseShareLink('method=ce&gamma=-1').messages).toEqual(['gamma="-1": -1 is out of range; enter a value from 0 to 10; using the default 1']);
    // A link with only the changed values leaves out γ when it is the method's default.
    expect(toShareLink(defaultConfig({ cold: { method: 'fitnet' } }), { onlyChanged: true })).toBe('v=1&method=fitnet');
  });
});
