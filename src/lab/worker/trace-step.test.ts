import { describe, expect, it } from 'vitest';
import { transferables, type WorkerEvent } from '../contract';
import type { StepTrace } from '../../core/train/step-trace';
import { gatherImages } from './trace-step';

describe('traced steps crossing to the page', () => {
  it('gathers the images of the batch in its order', () => {
    const split = { images: Uint8Array.from([0, 1, 10, 11, 20, 21]), labels: new Uint8Array(3), count: 3 };
    expect(Array.from(gatherImages(split, [2, 0], 2))).toEqual([20, 21, 0, 1]);
  });

  it('transfers every typed array of the trace once', () => {
    const f = () => new Float32Array(2);
    const batch = { indices: new Int32Array(1), labels: new Int32Array(1) };
    const meta = { batch: { indices: new Int32Array(1), labels: new Int32Array(1) }, vBefore: f(), G: f() } as unknown as StepTrace['meta'];
    const trace = { step: 0, hints: [], batch, losses: f(), meta, v: f(), vt: f(), actual: { lr: 0, total: 0, terms: {}, gradNorm: 0 } } as unknown as StepTrace;
    const ev: WorkerEvent = { type: 'step-trace', runId: 0, trace, images: { thumbnails: new Uint8Array(4), shape: [2, 2, 1], classNames: [] } };
    const list = transferables(ev);
    expect(list).toHaveLength(10);
    expect(new Set(list).size).toBe(10);
    expect(list).toContain(meta!.G.buffer);
    expect(list).toContain(ev.images.thumbnails.buffer);
  });
});
