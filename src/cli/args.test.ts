import { describe, expect, it } from 'vitest';
import { encodeRunFile, makeRunFile } from '../core/runs/runfile';
import { SETTINGS, TRAIN_SETTINGS, defaultConfig } from '../core/settings';
import { parseTrainArgs, UsageError, USAGE } from './args';
import { parseSettingsFlags, settingsUsage } from './settings-flags';

const env = { backend: 'wasm', userAgent: 'Node v20', libraries: {}, date: '2025-01-01T00:00:00.000Z' };

describe('parseTrainArgs', () => {
  it('defaults to HKD on the default preset, 300 steps', () => {
    const a = parseTrainArgs([]);
    expect(a).toMatchObject({ preset: 'cnn', method: 'hkd', steps: 300, seed: 1, out: 'run.json', backend: 'wasm', help: false });
    expect(a.config).toEqual(defaultConfig({ cold: { totalSteps: 300 } }));
  });

  it('takes the documented flags', () => {
    const a = parseTrainArgs(['--preset', 'resnet', '--method', 'kd', '--steps', '20', '--seed', '7', '--out', 'x.json', '--meta-interval', '5']);
    expect(a).toMatchObject({ preset: 'resnet', method: 'kd', steps: 20, seed: 7, out: 'x.json' });
    expect(a.config.hot.metaInterval).toBe(5);
  });

  it('takes every setting, hot and cold, as --<kebab-case-key>', () => {
    const a = parseTrainArgs([
      '--lr', '0.02', '--beta-kd', '2', '--beta-at', '500', '--batch-size', '64', '--lr-schedule', 'step', '--weight-norm', 'per-hint', '--val-size', '0',
      '--bn-stats-size', '200', '--meta-inputs', 'losses,teacherConf', '--augment', '0', '--dataset', 'import:x', '--temperature', '2', '--weight-decay', '1e-4',
    ]);
    expect(a.config.hot).toMatchObject({ lr: 0.02, temperature: 2, betas: { kd: 2, at: 500 } });
    expect(a.config.cold).toMatchObject({ batchSize: 64, lrSchedule: 'step', weightNorm: 'per-hint', valSize: 0, bnStatsSize: 200, metaInputs: ['losses', 'teacherConf'], augment: false, dataset: 'import:x', weightDecay: 1e-4 });
    // One flag per setting of a training configuration, each in the usage text.
    expect(TRAIN_SETTINGS).toHaveLength(SETTINGS.filter((e) => e.group !== 'lab').length);
    for (const e of TRAIN_SETTINGS) expect(USAGE).toMatch(new RegExp(`\\n  --${e.flag} \\S+ +${e.setting.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .+ \\(default .+\\)`));
  });

  it("gives a method's own γ and β unless flags set them", () => {
    expect(parseTrainArgs(['--method', 'fitnet']).config.hot).toMatchObject({ gamma: 1, betas: { fitnet: 100 } });
    expect(parseTrainArgs(['--method', 'fitnet', '--gamma', '0.3']).config.hot.gamma).toBe(0.3);
    expect(parseTrainArgs(['--method', 'kd']).config.hot.gamma).toBe(0.1);
    expect(USAGE).toMatch(/--gamma X +CE weight γ: from 0 to 10 \(default 1 for ce, fitnet; 0\.1 for kd, multi, hkd-noens, hkd\)/);
  });

  it('lists every flag in --help, with ranges and defaults', () => {
    for (const flag of ['--preset', '--method', '--steps', '--seed', '--out', '--help', '--config', '--backend']) expect(USAGE).toContain(flag);
    expect(USAGE).toMatch(/--steps N +total steps: a whole number from 1 to 10000000 \(default 300\)/);
    expect(USAGE).toMatch(/--lr-schedule NAME +learning-rate schedule: cosine, step or constant \(default cosine\)/);
    expect(parseTrainArgs(['--help']).help).toBe(true);
  });

  it('reads --config: a run file, or a bare {cold, hot}; flags beside it override it', () => {
    const run = makeRunFile(defaultConfig({ cold: { seed: 9, method: 'kd' }, hot: { lr: 0.01 } }), [], 10, env);
    const files: Record<string, string> = { 'run.json': encodeRunFile(run), 'bare.json': '{"cold": {"method": "fitnet", "seed": 4}, "hot": {"mu": 0.9}}' };
    const read = (p: string) => files[p] ?? (() => { throw new Error('no such file'); })();
    expect(parseTrainArgs(['--config', 'run.json'], read).config).toEqual(run.config);
    expect(parseTrainArgs(['--config', 'run.json', '--seed', '2', '--lr', '0.2'], read).config).toEqual({ cold: { ...run.config.cold, seed: 2 }, hot: { ...run.config.hot, lr: 0.2 } });
    const bare = parseTrainArgs(['--config', 'bare.json'], read).config;
    expect(bare).toEqual(defaultConfig({ cold: { method: 'fitnet', seed: 4, totalSteps: 300 }, hot: { mu: 0.9 } }));
    expect(bare.hot.gamma).toBe(1);
  });

  it.each([
    ['{"cold": {"seed": -1}}', /--config: c\.json: cold\.seed: seed: -1 is out of range/],
    ['{"cold": {"speed": 1}}', /--config: c\.json: cold\.speed: unknown setting/],
    ['{"cold": 3}', /--config: c\.json: cold: expected an object/],
    ['{"colds": {}}', /--config: c\.json: colds: unknown field/],
    ['[1]', /--config: c\.json: expected a run file or an object/],
    ['not json', /--config: c\.json is not JSON/],
    ['{"format": "hkd-run", "version": 1}', /--config: c\.json: not a valid run file: .*config: expected an object/],
  ])('refuses a bad config file %s, naming the file and the field', (text, message) => {
    expect(() => parseTrainArgs(['--config', 'c.json'], () => text)).toThrow(message);
  });

  it('says when the config file cannot be read', () => {
    expect(() => parseTrainArgs(['--config', 'nope.json'], () => { throw new Error('ENOENT'); })).toThrow(/--config: cannot read nope\.json \(ENOENT\)/);
  });

  it.each([
    [['--bogus'], /Unknown option '--bogus'.*see --help/],
    [['--steps', 'ten'], /--steps: "ten" is not a number/],
    [['--steps', '0'], /--steps: 0 is out of range/],
    [['--seed', '1.5'], /--seed: 1.5 must be a whole number/],
    [['--method', 'magic'], /--method: "magic" is unknown; choose one of ce, kd/],
    [['--preset', 'vgg'], /--preset: "vgg" is unknown/],
    [['--lr=-1'], /--lr: -1 is out of range/],
    [['--backend', 'gpu'], /--backend: "gpu" is unknown/],
    [['--lr-schedule', 'linear'], /--lr-schedule: "linear" is unknown; choose one of cosine, step, constant/],
    [['--meta-inputs', 'progress'], /--meta-inputs: the list must include losses/],
    [['--augment', 'yes'], /--augment: "yes" is not true or false/],
    [['--lr', '0x10', '--mu', '2'], /--lr: "0x10" is not a number.*; --mu: 2 is out of range/],
  ])('rejects %j with a clear usage error', (argv, message) => {
    expect(() => parseTrainArgs(argv as string[])).toThrow(UsageError);
    expect(() => parseTrainArgs(argv as string[])).toThrow(message);
  });
});

describe('parseSettingsFlags (for other commands)', () => {
  it('takes a command’s own flags beside every setting', () => {
    const extra = { methods: { type: 'string' as const, value: 'LIST', help: 'methods to run' }, seeds: { type: 'string' as const, value: 'N', help: 'seeds per method' }, jobs: { type: 'string' as const, help: 'parallel jobs' } };
    const r = parseSettingsFlags(['--methods', 'ce,kd', '--seeds', '3', '--lr', '0.1', '--beta-fitnet', '50'], { extra });
    expect(r.extras).toEqual({ methods: 'ce,kd', seeds: '3', jobs: undefined });
    expect(r.config.hot).toMatchObject({ lr: 0.1, betas: { fitnet: 50 } });
    expect([...r.given]).toEqual(['lr', 'beta_fitnet']);
    const usage = settingsUsage({ usage: 'usage: reproduce', intro: 'Runs methods over seeds.', extra });
    expect(usage).toMatch(/--methods LIST +methods to run/);
    expect(usage).toMatch(/--steps N +total steps: a whole number from 1 to 10000000 \(default 2000\)/);
  });
});
