import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { ProbeInfo, RunInfo } from '../contract';
import { RunLog } from '../../core/runs/run-log';
import type { ProbeSnapshot, RunData } from '../store/lab-store';
import { classMeans, probeTable, stackRuns } from './probe-data';

// Three probes (classes 0, 1, 1), two hints: v and ṽ as probe·10 + hint (+0.5 for ṽ), so a value
// names the cell it came from.
const info: ProbeInfo = { indices: Int32Array.from([40, 7, 13]), labels: Int32Array.from([0, 1, 1]), thumbnails: new Uint8Array(0), shape: [1, 1, 1], classNames: ['cat, big', 'dog'] };
function snap(step: number): ProbeSnapshot {
  const v = Float32Array.from([0, 1, 10, 11, 20, 21]);
  return { step, v, vt: v.map((x) => x + 0.5), vtStep: Int32Array.from([-1, step, 3]), losses: Float32Array.from({ length: 9 }, (_, i) => step + i / 10), preds: Int32Array.from([0, 0, 1]) };
}
function run(label: string, hints: RunInfo['hints'], steps: number[]): RunData {
  const i: RunInfo = { runId: 0, method: 'hkd', label, hints, teacherAcc: 0.8, teacherRecordedAcc: 0.8, teacherSource: '', teacherStored: false };
  return { info: i, series: new RunLog(hints), evals: [], probeHistory: steps.map(snap) };
}
const parse = (text: string) => Papa.parse<Record<string, string>>(text.trim(), { header: true, newline: '\r\n' });

describe('probe view exports', () => {
  it('the gallery gives the whole probe series; the scatter only the latest report', () => {
    const runs = [run('HKD', ['kd', 'at'], [10, 20])];
    const all = parse(probeTable('gallery', runs, info, 'csv')!);
    expect(all.meta.fields).toEqual(['step', 'probe', 'index', 'label', 'label.name', 'pred', 'pred.name', 'vt.step', 'v.kd', 'vt.kd', 'v.at', 'vt.at', 'loss.ce', 'loss.kd', 'loss.at']);
    expect(all.data).toHaveLength(6);
    expect(all.data[4]).toEqual({ step: '20', probe: '1', index: '7', label: '1', 'label.name': 'dog', pred: '0', 'pred.name': 'cat, big', 'vt.step': '20', 'v.kd': '10', 'vt.kd': '10.5', 'v.at': '11', 'vt.at': '11.5', 'loss.ce': '20.3', 'loss.kd': '20.4', 'loss.at': '20.5' });
    const latest = parse(probeTable('scatter', runs, info, 'csv')!);
    expect(latest.data.map((r) => r.step)).toEqual(['20', '20', '20']);
    const json = JSON.parse(probeTable('gallery', runs, info, 'json')!);
    expect(json.columns['vt.at']).toEqual([1.5, 11.5, 21.5, 1.5, 11.5, 21.5]);
  });

  it('the per-class view gives each class its mean ṽ and v per hint', () => {
    const m = classMeans(snap(5), info, ['kd', 'at']);
    expect(m).toEqual({ class: ['cat, big', 'dog'], count: [1, 2], 'vt.kd': [0.5, 15.5], 'v.kd': [0, 15], 'vt.at': [1.5, 16.5], 'v.at': [1, 16] });
    const rows = parse(probeTable('classes', [run('HKD', ['kd', 'at'], [5, 9])], info, 'csv')!).data;
    expect(rows[1]).toMatchObject({ step: '9', class: 'dog', count: '2', 'vt.kd': '15.5' });
  });

  it('compared runs stack with a run column; runs without hints or reports are left out', () => {
    const runs = [run('HKD', ['kd', 'at'], [4]), run('KD', ['kd'], [4]), run('CE', [], [4])];
    const rows = parse(probeTable('gallery', runs, info, 'csv')!);
    expect(rows.meta.fields![0]).toBe('run');
    expect(rows.data.map((r) => r.run)).toEqual(['HKD', 'HKD', 'HKD', 'KD', 'KD', 'KD']);
    // KD has no AT hint: empty there, and its losses are CE then KD.
    expect(rows.data[3]['v.at']).toBe('');
    expect(rows.data[3]['loss.kd']).toBe('4.1');
    expect(stackRuns([{ label: 'a', cols: { x: [1] } }]).run).toBeUndefined();
    expect(probeTable('gallery', [run('CE', [], [4])], info, 'csv')).toBeNull();
    expect(probeTable('gallery', [run('HKD', ['kd'], [])], info, 'csv')).toBeNull();
    expect(probeTable('gallery', runs, null, 'csv')).toBeNull();
    expect(probeTable('loss', runs, info, 'csv')).toBeNull();
    expect(probeTable('trajectory', runs, info, 'csv')).toBeNull();
  });
});
