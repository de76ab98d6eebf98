// What a training session is given rather than imports: the page link, the run store, the
// backend, the datasets, the pretrained teachers and the clock. train.worker.ts passes the
// browser's (browser-deps.ts); session.test.ts passes fakes, so a session runs in Node.
import type { Dataset } from '../../core/data/dataset';
import type { LockManagerLike } from '../../core/storage/run-lease';
import type { RunStore } from '../../core/storage/run-store';
import type { BackendPref, WorkerEvent } from '../contract';
import type { BackendChoice, DeviceLike } from './backend';
import type { LabTeacher } from './teacher-source';

export interface SessionDeps {
  post(ev: WorkerEvent): void;
  /** The run store: saved runs, their checkpoints, imported datasets and kept teachers. */
  store(): Promise<RunStore>;
  backend: {
    /** Starts the preferred backend (or the next that works); throws when none starts. */
    choose(pref: BackendPref): Promise<BackendChoice>;
    /** The WebGPU device while WebGPU runs: its `lost` promise stops the session. */
    device(): DeviceLike | null;
  };
  /** A dataset by id; throws (with a message the page shows) when it is not available. */
  loadDataset(id: string): Promise<Dataset>;
  /** The pretrained teacher of a preset for the built-in dataset. */
  pretrainedTeacher(presetId: string, shape: [number, number, number], numClasses: number): Promise<LabTeacher>;
  /** Web Locks (one writer per saved run across tabs); null: every run is writable. */
  locks: LockManagerLike | null;
  /** Milliseconds, for flush and save timing. */
  clock(): number;
  /** Lets queued commands run between steps. */
  yieldToEvents(): Promise<void>;
}
