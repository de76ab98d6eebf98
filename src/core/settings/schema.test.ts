import { describe, expect, it } from 'vitest';
import {
  BETAS, BY_FLAG, BY_URL_KEY, COLD, DEFAULT_COLD, HOT, LAB, METHODS, PRESET_IDS, SETTINGS,
  defaultConfig, labConfigProblems, methodCoefficients, trainConfigProblems, validateCold, validateHot, withLegacy,
  type ColdSettings, type LrSchedule, type TrainConfig, type WeightNorm,
} from '.';
import { PRESETS } from '../nn/presets';

describe('the settings schema', () => {
  it('defines every setting once, with a label, a short label, help and an allowed default', () => {
    expect(SETTINGS.map((e) => e.urlKey)).toEqual([...Object.keys(COLD), ...Object.keys(HOT), 'beta_kd', 'beta_fitnet', 'beta_at', ...Object.keys(LAB)]);
    for (const { setting: s, urlKey } of SETTINGS) {
      expect(s.label, urlKey).toMatch(/^\S/);
      expect(s.short, urlKey).toMatch(/^\S+$/);
      expect(s.help.length, urlKey).toBeGreaterThan(10);
      expect(s.reason(s.default), urlKey).toBeNull();
      expect(s.fromText(s.toText(s.default)), urlKey).toEqual({ ok: true, value: s.default });
    }
    expect(new Set(SETTINGS.map((e) => e.flag)).size).toBe(SETTINGS.length);
    expect(new Set(SETTINGS.map((e) => e.setting.short)).size).toBe(SETTINGS.length);
  });

  it('has the training core’s new settings exactly as agreed', () => {
    const s: { lrSchedule: LrSchedule; weightNorm: WeightNorm } = DEFAULT_COLD;
    expect(s).toMatchObject({ lrSchedule: 'cosine', weightNorm: 'joint' });
    expect(COLD.lrSchedule).toMatchObject({ options: ['cosine', 'step', 'constant'], label: 'learning-rate schedule' });
    expect(COLD.lrSchedule.help).toContain("step multiplies it by 0.1 at 62.5 %, 75 % and 87.5 % of them (RepDistiller's 150/180/210 of 240 epochs)");
    expect(COLD.lrSchedule.help).toContain("A live edit of the learning rate sets the schedule's base value.");
    expect(HOT.lr.help).toContain("A live edit of the learning rate sets the schedule's base value.");
    expect(COLD.weightNorm).toMatchObject({ options: ['joint', 'per-hint', 'none'], label: 'meta-weight normalisation', default: 'joint' });
    expect(COLD.weightNorm.help).toMatch(/joint keeps .*per-hint keeps each hint's batch mean at 1.*none is the raw output/);
    expect(COLD.valSize).toMatchObject({ label: 'validation images', default: 1000, rule: { min: 0, max: 50_000, integer: true } });
    expect(COLD.bnStatsSize).toMatchObject({ label: 'images for batch-norm statistics', default: 500, rule: { min: 0, max: 5000, integer: true } });
    for (const h of ['kd', 'fitnet', 'at'] as const) expect(BETAS[h].rule).toMatchObject({ min: 0, max: 10_000 });
  });

  it('keeps per-method γ and β in one table, each with its source; the defaults follow the method', () => {
    expect(methodCoefficients('ce')).toMatchObject({ gamma: 1, betas: { kd: 0.9, fitnet: 100, at: 1000 }, provisional: false });
    expect(methodCoefficients('kd')).toMatchObject({ gamma: 0.1, betas: { kd: 0.9 }, source: expect.stringContaining('-r 0.1 -a 0.9 -b 0') });
    expect(methodCoefficients('fitnet')).toMatchObject({ gamma: 1, betas: { fitnet: 100 }, source: expect.stringContaining('-r 1 -a 0 -b 100') });
    for (const m of ['multi', 'hkd-noens', 'hkd'] as const) {
      expect(methodCoefficients(m)).toMatchObject({ gamma: 0.1, betas: { kd: 0.9, fitnet: 1, at: 100 }, provisional: false, source: expect.stringContaining('validation split') });
    }
    // A copy: changing it changes no default.
    methodCoefficients('kd').betas.kd = 5;
    expect(methodCoefficients('kd').betas.kd).toBe(0.9);
    expect(defaultConfig().hot).toMatchObject({ gamma: 0.1, betas: { kd: 0.9, fitnet: 1, at: 100 } });
    expect(defaultConfig({ cold: { method: 'fitnet' } }).hot.gamma).toBe(1);
    expect(defaultConfig({ cold: { method: 'fitnet' }, hot: { gamma: 0.5, betas: { at: 3 } } }).hot).toMatchObject({ gamma: 0.5, betas: { kd: 0.9, fitnet: 100, at: 3 } });
  });

  it('gives fresh defaults each time (no shared lists)', () => {
    const a = defaultConfig();
    a.cold.metaInputs.push('progress');
    a.hot.betas.kd = 9;
    expect(defaultConfig().cold.metaInputs).toEqual(['losses', 'progress']);
    expect(defaultConfig().hot.betas.kd).toBe(0.9);
  });

  it('checks every cold setting, preset, ensemble and meta inputs included', () => {
    expect(validateCold({ preset: 'vgg', ensemble: 'mean' as never, metaInputs: ['progress'], augment: 'yes' as never })).toEqual([
      'teacher → student pair: "vgg" is unknown; choose one of cnn, resnet',
      'weight ensembling: "mean" is unknown; choose one of instance, param',
      'meta-network inputs: the list must include losses',
      'augmentation: "yes" is not true or false; use 1 or 0',
    ]);
    expect(validateCold({ metaInputs: ['losses', 'losses'] })).toEqual(['meta-network inputs: name each meta input at most once']);
    expect(validateCold({ metaInputs: ['losses', 'mood' as never] })).toEqual(['meta-network inputs: unknown meta input(s) "mood"; choose from losses, progress, teacherConf, studentCorrect']);
    expect(validateCold({ dataset: 'a b', lrSchedule: 'cosine', valSize: 0.5 })).toEqual(['dataset: "a b" is not a dataset id (1 to 100 letters, digits, : . _ -)', 'validation images: 0.5 must be a whole number from 0 to 50000']);
    expect(validateCold(defaultConfig().cold)).toEqual([]);
  });

  it('checks hot settings and refuses unknown names without touching Object.prototype', () => {
    expect(validateHot({ lr: Number.NaN, betas: { kd: 2 } })).toEqual(['learning rate: "NaN" is not a number; enter a value from 0.00001 to 2']);
    expect(validateHot(JSON.parse('{"__proto__": 1, "betas": {"constructor": 2}}'))).toEqual(['unknown hint "constructor"; hints are kd, fitnet, at', 'unknown hot setting "__proto__"']);
    expect(validateHot({ metaInterval: 2.5, mu: 1 })).toEqual(['ensembling momentum μ: 1 is out of range; enter a value from 0 to 0.999', 'meta interval: 2.5 must be a whole number from 1 to 1000']);
    for (const k of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(BY_URL_KEY.get(k)).toBeUndefined();
      expect(BY_FLAG.get(k)).toBeUndefined();
    }
  });

  it('checks whole configurations: every field present, nothing unknown, each message naming its path', () => {
    const good: TrainConfig = defaultConfig();
    expect(trainConfigProblems(good, 'config')).toEqual([]);
    const bad = structuredClone(good) as unknown as { cold: Record<string, unknown>; hot: Record<string, unknown> };
    delete bad.cold.weightNorm;
    bad.cold.extra = 1;
    bad.hot.lr = '0.1';
    expect(trainConfigProblems(bad, 'config')).toEqual(['config.cold.weightNorm: missing', 'config.cold.extra: unknown setting', 'config.hot.lr: learning rate: "0.1" is not a number; enter a value from 0.00001 to 2']);
    expect(trainConfigProblems(bad)).toEqual(['meta-weight normalisation: missing', 'unknown cold setting "extra"', 'learning rate: "0.1" is not a number; enter a value from 0.00001 to 2']);
    expect(trainConfigProblems(null, 'config')).toEqual(['config: expected an object']);
  });

  it("checks the lab's own settings (compare, backend, teacherSteps) with the rest", () => {
    const lab = { ...defaultConfig(), compare: [], backend: 'auto', teacherSteps: 300 };
    expect(labConfigProblems(lab)).toEqual([]);
    expect(labConfigProblems({ ...lab, compare: ['kd'], backend: 'tpu', teacherSteps: 0 })).toEqual([
      'methods compared: name none, or at least 2 methods',
      'backend: "tpu" is unknown; choose one of auto, webgpu, webgl, wasm, cpu',
      'teacher steps: 0 is out of range; enter a value from 1 to 100000',
    ]);
    expect(labConfigProblems({ ...lab, compare: ['kd', 'hkd', 'kd'] })).toEqual(['methods compared: name each method at most once']);
    expect(labConfigProblems({ ...lab, cold: { ...lab.cold, preset: 'x' } })).toEqual(['teacher → student pair: "x" is unknown; choose one of cnn, resnet']);
  });

  it('fills settings that stored data predates with their legacy values only', () => {
    const { lrSchedule: _a, weightNorm: _b, valSize: _c, bnStatsSize: _d, ...old } = defaultConfig().cold;
    expect(withLegacy(old)).toEqual({ ...old, lrSchedule: 'constant', weightNorm: 'none', valSize: 0, bnStatsSize: 0 });
    const { momentum: _m, ...noMomentum } = defaultConfig().cold;
    expect(withLegacy(noMomentum)).not.toHaveProperty('momentum');
    expect(withLegacy(5)).toBe(5);
  });

  it('names the presets from one tfjs-free list that PRESETS is built from', () => {
    expect(COLD.preset.options).toBe(PRESET_IDS);
    expect(PRESETS.map((p) => p.id)).toEqual(PRESET_IDS);
    expect(METHODS).toEqual(COLD.method.options);
    const c: ColdSettings = DEFAULT_COLD;
    expect(c.preset).toBe('cnn');
    // The types are inferred from the schema (typecheck fails if they were loose).
    // @ts-expect-error: a method the schema does not name
    const bad: ColdSettings['method'] = 'magic';
    // @ts-expect-error: the learning rate is a number
    const lr: TrainConfig['hot']['lr'] = '0.1';
    expect([bad, lr]).toHaveLength(2);
  });
});
