import { describe, expect, it } from 'vitest';
import { coefficientsOf } from '../../core/settings';
import { defaultLabConfig, validateLabConfig } from './lab-config';
import { HIDE_BUTTONS, HIDE_GROUPS, HIDE_PANELS, HIDEABLE, LOCKABLE } from './hideable';
import { parseParams, toParams } from './url-params';

describe('URL parameters (through the core share-link helper)', () => {
  it('reads small test settings, lab keys and hide flags', () => {
    const { config, errors, flags, hidden } = parseParams('?batchSize=8&evalSize=50&lr=0.1&beta_kd=2&backend=wasm&compare=kd,hkd&autoplay=1&teacherSteps=5&lr_hide=1&dataset=imp-x');
    expect(errors).toEqual([]);
    expect(config.cold.batchSize).toBe(8);
    expect(config.cold.evalSize).toBe(50);
    expect(config.cold.dataset).toBe('imp-x');
    expect(config.hot.lr).toBe(0.1);
    expect(config.hot.betas.kd).toBe(2);
    expect(config.backend).toBe('wasm');
    expect(config.compare).toEqual(['kd', 'hkd']);
    expect(config.teacherSteps).toBe(5);
    expect(flags.autoplay).toBe(true);
    expect([...hidden]).toEqual(['lr']);
  });

  it('reports each bad value as text and keeps its default; the rest is applied', () => {
    const d = defaultLabConfig();
    const { config, errors } = parseParams('lr=abc&batchSize=1.5&method=nope&backend=<b>x</b>&mu=0.2&compare=kd&seed=9');
    expect(errors).toHaveLength(5);
    expect(errors.join('\n')).toMatch(/^lr="abc"/m);
    expect(errors).toContain('backend="<b>x</b>": "<b>x</b>" is unknown; choose one of auto, webgpu, webgl, wasm, cpu; using the default auto');
    expect(errors).toContain('compare="kd": name none, or at least 2 methods; using the default (none)');
    expect(config.hot.lr).toBe(d.hot.lr);
    expect(config.cold.batchSize).toBe(d.cold.batchSize);
    expect(config.cold.method).toBe(d.cold.method);
    expect(config.backend).toBe('auto');
    expect(config.compare).toEqual([]);
    expect(config.hot.mu).toBe(0.2);
    expect(config.cold.seed).toBe(9);
  });

  it('round-trips a whole configuration, seed and hide flags included', () => {
    const c = defaultLabConfig();
    c.cold.seed = 7;
    c.cold.method = 'kd';
    c.cold.dataset = 'imp-cifar-1';
    c.hot.temperature = 2;
    c.hot.betas.at = 50;
    c.compare = ['ce', 'hkd'];
    c.cold.augment = false;
    c.backend = 'cpu';
    c.teacherSteps = 12;
    const link = toParams(c, { hidden: ['lr', 'method'] });
    expect(link).toMatch(/seed=7/);
    const back = parseParams(link);
    expect(back.errors).toEqual([]);
    expect(back.config).toEqual(c);
    expect([...back.hidden].sort()).toEqual(['lr', 'method']);
  });

  it('reads teacherSteps like every other number in a link', () => {
    expect(parseParams('teacherSteps=1e2').config.teacherSteps).toBe(100);
    expect(parseParams('teacherSteps=+40').config.teacherSteps).toBe(40);
    expect(parseParams('teacherSteps=2.5').errors).toEqual(['teacherSteps="2.5": 2.5 must be a whole number from 1 to 100000; using the default 300']);
    expect(parseParams('teacherSteps=0').errors).toEqual(['teacherSteps="0": 0 is out of range; enter a value from 1 to 100000; using the default 300']);
    expect(parseParams('teacherSteps=lots').errors).toEqual(['teacherSteps="lots": "lots" is not a number; enter a value from 1 to 100000; using the default 300']);
    expect(parseParams('teacherSteps=lots').config.teacherSteps).toBe(defaultLabConfig().teacherSteps);
  });

  it('refuses a configuration whose dataset is not a dataset id', () => {
    const c = defaultLabConfig();
    c.cold.dataset = 'a/b';
    expect(validateLabConfig(c)).toEqual(['dataset: "a/b" is not a dataset id (1 to 100 letters, digits, : . _ -)']);
  });

  it("a hostile address (bad escapes, Object.prototype's names, tfjs flags) leaves a valid configuration", () => {
    const { config, errors, hidden } = parseParams('?seed=%&lr=%E0%A4%A&__proto__=5&constructor=1&toString=2&tfjsflags=DEBUG:true&valueOf_hide=1&method=kd');
    expect(validateLabConfig(config)).toEqual([]);
    // method=kd brings KD's own γ and β.
    expect(config).toEqual({ ...defaultLabConfig(), cold: { ...defaultLabConfig().cold, method: 'kd' }, hot: { ...defaultLabConfig().hot, ...coefficientsOf('kd') } });
    expect([...hidden]).toEqual([]);
    expect(errors.slice(0, 2)).toEqual([
      'seed="%": a malformed %-escape (write a literal % as %25); using the default 1',
      'lr="%E0%A4%A": a malformed %-escape (write a literal % as %25); using the default 0.05',
    ]);
    expect(errors[2]).toMatch(/^valueOf_hide="1": no control is called "valueOf"; controls that can be hidden: preset, dataset, method, /);
    expect(errors.slice(3)).toEqual(['__proto__: unknown setting, ignored', 'constructor: unknown setting, ignored', 'toString: unknown setting, ignored', 'tfjsflags: unknown setting, ignored']);
  });

  it('hides exactly the registered names: every setting, the panels and the top-bar buttons', () => {
    const { hidden, errors } = parseParams('play_hide=1&step_hide=1&reset_hide=1&backendReason_hide=1&chartExport_hide=1&lrSchedule_hide=1&beta_at_hide=1&teacherSteps_hide=1&runSettings_hide=1&foo_hide=1');
    expect([...hidden].sort()).toEqual(['backendReason', 'beta_at', 'chartExport', 'lrSchedule', 'play', 'reset', 'runSettings', 'step', 'teacherSteps']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^foo_hide="1": no control is called "foo"; controls that can be hidden: .*\bplay, step, reset, backendReason, chartExport$/);
    for (const n of [...HIDE_PANELS, ...HIDE_BUTTONS, 'seed', 'beta_kd', 'compare', 'backend']) expect(HIDEABLE.has(n), n).toBe(true);
    expect(HIDEABLE.has('constructor')).toBe(false);
  });
});

describe('locks (`<name>_lock=1`)', () => {
  it('round-trip with the hide flags, and only the lockable names are accepted', () => {
    const c = defaultLabConfig();
    c.cold.seed = 42;
    const back = parseParams(toParams(c, { hidden: ['lr', 'play'], locked: ['method', 'seed'] }));
    expect(back.errors).toEqual([]);
    expect(back.config).toEqual(c);
    expect([...back.locked].sort()).toEqual(['method', 'seed']);
    expect([...back.hidden].sort()).toEqual(['lr', 'play']);
    expect([...LOCKABLE].sort()).toEqual(['method', 'preset', 'seed']);
  });

  it('reports an unknown lock name or value like any bad value', () => {
    const { locked, errors } = parseParams('lr_lock=1&seed_lock=yes&preset_lock=1&play_hide=1');
    expect([...locked]).toEqual(['preset']);
    expect(errors).toEqual([
      'lr_lock="1": no control called "lr" can be locked; controls that can be locked: method, preset, seed',
      'seed_lock="yes": use 1 to lock the control (or 0)',
    ]);
  });

  it('the builder lists every hideable name once (its list is the registry)', () => {
    const listed = HIDE_GROUPS.flatMap((g) => g.names.map((n) => n.name));
    expect(new Set(listed).size).toBe(listed.length);
    expect(new Set(listed)).toEqual(HIDEABLE);
    for (const n of ['play', 'step', 'reset', 'chartExport', 'backendReason', 'classroom', 'seed', 'beta_kd']) expect(listed, n).toContain(n);
  });
});
