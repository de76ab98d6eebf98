import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../train/config';
import { encodeRunFile, makeRunFile, parseRunFile, RunFileError, type RunFile } from './runfile';

const env = { backend: 'wasm', userAgent: 'Node v20', libraries: { 'tfjs-core': '4.22.0' }, date: '2025-01-01T00:00:00.000Z' };
const good = (): RunFile => makeRunFile(defaultConfig({ cold: { seed: 3 } }), [{ step: 5, setting: 'betas.kd', from: 0.9, to: 2 }], 20, env);

function problems(mutate: (r: Record<string, any>) => void): string[] {
  const r = JSON.parse(encodeRunFile(good()));
  mutate(r);
  try {
    parseRunFile(JSON.stringify(r), 'my-run.json');
  } catch (e) {
    expect(e).toBeInstanceOf(RunFileError);
    expect((e as Error).message).toMatch(/^my-run\.json: not a valid run file: /);
    return (e as RunFileError).problems;
  }
  return [];
}

describe('run files', () => {
  it('round-trips', () => {
    const r = good();
    expect(parseRunFile(encodeRunFile(r))).toEqual(r);
    expect(parseRunFile(new TextEncoder().encode(encodeRunFile(r)))).toEqual(r);
  });

  it('names the field of every bad value and never trusts the file', () => {
    expect(problems((r) => (r.config.hot.lr = 50))).toEqual([expect.stringMatching(/^config\.hot\.lr: learning rate: 50 is out of range/)]);
    expect(problems((r) => (r.config.cold.batchSize = '32'))).toEqual([expect.stringMatching(/^config\.cold\.batchSize: batch size: "32" is not a number/)]);
    expect(problems((r) => (r.config.cold.method = '<img src=x>'))).toEqual([expect.stringMatching(/^config\.cold\.method: method: "<img src=x>" is unknown; choose one of ce, kd/)]);
    expect(problems((r) => (r.config.cold.preset = 'vgg'))).toEqual([expect.stringMatching(/^config\.cold\.preset: teacher → student pair: "vgg" is unknown; choose one of cnn, resnet$/)]);
    expect(problems((r) => (r.config.cold.metaInputs = ['progress']))).toEqual([expect.stringMatching(/^config\.cold\.metaInputs: meta-network inputs: the list must include losses$/)]);
    expect(problems((r) => (r.config.hot.betas.at = -1))).toEqual([expect.stringMatching(/^config\.hot\.betas\.at: β for at: -1 is out of range/)]);
    expect(problems((r) => delete r.config.hot.temperature)).toEqual(['config.hot.temperature: missing']);
    expect(problems((r) => (r.config.cold.__proto__x = 1))).toEqual(['config.cold.__proto__x: unknown setting']);
    expect(problems((r) => (r.seed = 4))).toEqual(['seed: 4 differs from config.cold.seed 3']);
    expect(problems((r) => (r.edits[0].setting = 'batchSize'))).toEqual([expect.stringMatching(/^edits\[0\]\.setting: "batchSize" is not a live setting/)]);
    expect(problems((r) => (r.edits[0].to = 1e9))).toEqual([expect.stringMatching(/^edits\[0\]\.to: β for kd: 1000000000 is out of range/)]);
    expect(problems((r) => r.edits.push({ step: 2, setting: 'lr', from: 0.05, to: 0.1 }))).toEqual([expect.stringMatching(/^edits\[1\]\.step: 2 comes before the previous edit's step 5/)]);
    expect(problems((r) => (r.environment.libraries = { x: 1 }))).toEqual(['environment.libraries: expected names → version text']);
    expect(problems((r) => (r.config.cold.lrSchedule = 'linear'))).toEqual(['config.cold.lrSchedule: learning-rate schedule: "linear" is unknown; choose one of cosine, step, constant']);
    expect(problems((r) => (r.config.cold.valSize = 50_001))).toEqual(['config.cold.valSize: validation images: 50001 is out of range; enter a value from 0 to 50000']);
    expect(problems((r) => (r.config.cold.dataset = 'a/b'))).toEqual(['config.cold.dataset: dataset: "a/b" is not a dataset id (1 to 100 letters, digits, : . _ -)']);
    expect(problems((r) => (r.edits[0].setting = 'constructor'))).toEqual([expect.stringMatching(/^edits\[0\]\.setting: "constructor" is not a live setting \(lr, temperature, gamma, metaLr, mu, metaInterval, betas\.kd, betas\.fitnet, betas\.at\)$/)]);
    // Several problems at once are all listed.
    expect(problems((r) => ((r.steps = -1), (r.config.hot.mu = 2)))).toHaveLength(2);
  });

  it('reads a file written before a setting existed with how the lab ran then (its legacy value)', () => {
    const r = JSON.parse(encodeRunFile(good()));
    for (const k of ['lrSchedule', 'weightNorm', 'valSize', 'bnStatsSize']) delete r.config.cold[k];
    const back = parseRunFile(JSON.stringify(r));
    expect(back.config.cold).toMatchObject({ lrSchedule: 'constant', weightNorm: 'none', valSize: 0, bnStatsSize: 0 });
    // Settings that every file has are still required.
    delete r.config.cold.momentum;
    expect(() => parseRunFile(JSON.stringify(r), 'old.json')).toThrow(/config\.cold\.momentum: missing/);
  });

  it('refuses other files with a clear message', () => {
    expect(() => parseRunFile('{"format":"hkd-run","version":9}', 'old.json')).toThrow(/old\.json: .*version: expected 1, found 9/);
    expect(() => parseRunFile('not json', 'x.json')).toThrow(/x\.json: not a valid run file: not JSON/);
    expect(() => parseRunFile('[1]', 'x.json')).toThrow(/expected a JSON object/);
  });
});
