// The session's dependencies in the worker: IndexedDB, the tfjs backends, the site's files.
import type { WorkerEvent } from '../contract';
import { chooseBackend, webgpuDevice } from './backend';
import { loadDataset } from './datasets';
import { runStore } from './db';
import type { SessionDeps } from './session-deps';
import { loadLabTeacher } from './teacher-source';
import { yieldToEventLoop } from './yield';

export function browserDeps(post: (ev: WorkerEvent) => void, baseUrl: string): SessionDeps {
  return {
    post,
    store: runStore,
    backend: { choose: chooseBackend, device: webgpuDevice },
    loadDataset: (id) => loadDataset(id, baseUrl, runStore),
    pretrainedTeacher: (preset, shape, numClasses) => loadLabTeacher(preset, baseUrl, shape, numClasses),
    locks: globalThis.navigator?.locks ?? null,
    clock: () => performance.now(),
    yieldToEvents: yieldToEventLoop,
  };
}
