import { describe, expect, it } from 'vitest';
import { parseTrainArgs, UsageError, USAGE } from './args';

describe('parseTrainArgs', () => {
  it('defaults to HKD on the default preset', () => {
    const a = parseTrainArgs([]);
    expect(a).toMatchObject({ preset: 'cnn', method: 'hkd', steps: 300, seed: 1, out: 'run.json', backend: 'wasm', help: false });
  });

  it('takes the documented flags', () => {
    const a = parseTrainArgs(['--preset', 'resnet', '--method', 'kd', '--steps', '20', '--seed', '7', '--out', 'x.json', '--meta-interval', '5']);
    expect(a).toMatchObject({ preset: 'resnet', method: 'kd', steps: 20, seed: 7, out: 'x.json', metaInterval: 5 });
  });

  it('lists every flag in --help', () => {
    for (const flag of ['--preset', '--method', '--steps', '--seed', '--out', '--help']) expect(USAGE).toContain(flag);
    expect(parseTrainArgs(['--help']).help).toBe(true);
  });

  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--steps', 'ten'], /--steps: "ten" is not a number/],
    [['--steps', '0'], /--steps: 0 is out of range/],
    [['--seed', '1.5'], /--seed: 1.5 must be a whole number/],
    [['--method', 'magic'], /--method: "magic" is unknown; choose one of ce, kd/],
    [['--preset', 'vgg'], /--preset: "vgg" is unknown/],
    [['--lr=-1'], /--lr: -1 is out of range/],
    [['--backend', 'gpu'], /--backend: "gpu" is unknown/],
  ])('rejects %j with a clear usage error', (argv, message) => {
    expect(() => parseTrainArgs(argv as string[])).toThrow(UsageError);
    expect(() => parseTrainArgs(argv as string[])).toThrow(message);
  });
});
