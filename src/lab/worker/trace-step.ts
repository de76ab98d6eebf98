// The step-through's worker side (explain/StepThrough.tsx): one real step of a run with its stages
// traced. It is the trainer's own step (prepare with trace, then commit), not a second one: the
// session runs it in place of that run's plain step, so the run advances and reports as usual.
import type { Split } from '../../core/data/dataset';
import type { StepReport } from '../../core/train/report';
import type { Trainer } from '../../core/train/trainer';
import type { RunState, WorkerEvent } from '../contract';

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

/**
 * Why a traced step cannot run now, or null when it can. The page waits for an answer, so a
 * refusal is posted (the run may have started again between the click and the command).
 */
export function traceRefusal(now: { state: RunState; teacherPhase: boolean; runs: number }, runId: number): string | null {
  if (now.teacherPhase) return 'the teacher is still training, so there is no student step yet; wait for it to finish.';
  if (now.state === 'running') return 'the runs are training again; pause them, then ask again.';
  if (now.state !== 'paused') return `the runs are ${now.state === 'loading' ? 'being built' : 'stopped'}; ask again once they are paused.`;
  if (!Number.isInteger(runId) || runId < 0 || runId >= now.runs) return `there is no run ${runId} (${now.runs} running).`;
  return null;
}
