// The step-through's worker side (explain/StepThrough.tsx): one real step of a run with its stages
// traced. It is the trainer's own step (prepare with trace, then commit), not a second one: the
// session runs it in place of that run's plain step, so the run advances and reports as usual.
import type { Split } from '../../core/data/dataset';
import type { StepReport } from '../../core/train/report';
import type { Trainer } from '../../core/train/trainer';
import type { WorkerEvent } from '../contract';

/** The images of `indices` in a split, packed count × H × W × C (probe thumbnails, traced batches). */
export function gatherImages(split: Split, indices: ArrayLike<number>, size: number): Uint8Array {
  const out = new Uint8Array(indices.length * size);
  for (let k = 0; k < indices.length; k++) out.set(split.images.subarray(indices[k] * size, (indices[k] + 1) * size), k * size);
  return out;
}

/** Runs the trainer's next step with its trace and commits it; the event is for the page. */
export async function tracedStep(t: Trainer, runId: number, classNames: string[]): Promise<{ report: StepReport; event: WorkerEvent }> {
  const p = await t.prepare({ trace: true });
  const report = p.commit();
  const trace = p.trace!;
  const { height, width, channels } = t.dataset;
  const thumbnails = gatherImages(t.splits.train, trace.batch.indices, height * width * channels);
  return { report, event: { type: 'step-trace', runId, trace, images: { thumbnails, shape: [height, width, channels], classNames: classNames.slice() } } };
}
