import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { RunLog, chunkOfReports } from './run-log';
import type { StepReport } from '../train/report';
import { chartCsv, chartJson, evalCsv, logTable, runCsv, runJson } from './metrics';

function series() {
  const s = new RunLog(['kd']);
  for (let i = 0; i < 4; i++) {
    const r: StepReport = {
      step: i, epoch: 0, losses: { total: 1 - i / 10, ce: 0.5, kd: -0.25 }, metaLoss: i % 2 ? undefined : 0.7, trainAcc: 0.5,
      hints: ["kd"], meanV: [1], meanVt: [1.5], meanVRaw: [1], hist: new Float32Array(20), lr: 0.05, stepMs: 3, metaStep: i % 2 === 0,
    };
    s.append(chunkOfReports(0, [r]));
  }
  s.addEval({ step: 2, testAcc: 0.75, testLoss: 0.6, valAcc: NaN, valLoss: NaN, teacherAcc: 0.9, perClassAcc: new Float32Array([0.5, 1]) });
  return s;
}

describe('metric exports', () => {
  it('one chart as CSV: step plus its columns, NaN as empty, parses back', () => {
    const text = chartCsv(logTable(series()), ['loss.total', 'loss.meta', 'loss.kd']);
    expect(text.split('\r\n')).toEqual(['step,loss.total,loss.meta,loss.kd', '0,1,0.7,-0.25', '1,0.9,,-0.25', '2,0.8,0.7,-0.25', '3,0.7,,-0.25']);
    expect(() => chartCsv(logTable(series()), ['loss.nope'])).toThrow(/no column loss\.nope/);
  });

  it('quotes and escapes class names with commas, quotes and newlines, and defuses formulae', () => {
    const names = ['cat, big', 'say "hi"\nthere'];
    const text = evalCsv(series(), names);
    const parsed = Papa.parse<string[]>(text, { newline: '\r\n' }).data;
    expect(parsed[0]).toEqual(['step', 'test.acc', 'test.loss', 'teacher.acc', 'acc.class.cat, big', 'acc.class.say "hi"\nthere']);
    expect(parsed[1]).toEqual(['2', '0.75', '0.6', '0.9', '0.5', '1']);
    expect(evalCsv(series(), ['=cmd()', 'b']).split('\r\n')[0]).toContain(`acc.class.=cmd()`);
    const evil = chartCsv({ step: [0], '=HYPERLINK("x")': [1] }, ['=HYPERLINK("x")']);
    expect(Papa.parse<string[]>(evil).data[0][1]).toBe(`'=HYPERLINK("x")`);
  });

  it('the whole run as CSV joins each evaluation to the step it followed', () => {
    const rows = Papa.parse<Record<string, string>>(runCsv(series(), ['a', 'b']), { header: true, newline: '\r\n' }).data;
    expect(rows).toHaveLength(4);
    expect(rows[1]['test.acc']).toBe('0.75'); // eval at step count 2 follows step report 1
    expect(rows[0]['test.acc']).toBe('');
    expect(rows[1]['acc.class.b']).toBe('1');
    expect(Object.keys(rows[0]).slice(0, 3)).toEqual(['step', 'loss.total', 'loss.ce']);
  });

  it('JSON of the whole run and of one chart, with NaN as null', () => {
    const whole = JSON.parse(runJson(series()));
    expect(whole.format).toBe('hkd-metrics');
    expect(whole.series.steps['loss.meta']).toEqual([0.7, null, 0.7, null]);
    expect(whole.series.evals[0].perClassAcc).toEqual([0.5, 1]);
    expect(JSON.parse(chartJson(logTable(series()), ['acc.train'])).columns).toEqual({ step: [0, 1, 2, 3], 'acc.train': [0.5, 0.5, 0.5, 0.5] });
  });
});
