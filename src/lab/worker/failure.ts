// A backend that fails (a lost WebGPU device, an op that throws) stops the session for good: the
// page re-creates the worker and resumes from the last checkpoint, on this or another backend.
// This module says so in words: which backend, at which step, and where training can continue.
import type { WorkerEvent } from '../contract';
import type { DeviceLike } from './backend';

export class FailureWatch {
  /** Set when the WebGPU device was destroyed: pending reads then fail with buffer errors. */
  deviceLost = false;

  /** Calls `onLost` when the device (if any) is lost. */
  watch(device: DeviceLike | null, onLost: (e: Error) => void): void {
    device?.lost.then((info) => {
      this.deviceLost = true;
      onLost(new Error(`the WebGPU device was lost (${[info.reason, info.message].filter(Boolean).join(': ') || 'no reason given'})`));
    });
  }

  /** The page's error for a failure at `step`; `lastCheckpointStep` −1 when none was taken. */
  event(e: unknown, backend: string | undefined, step: number, lastCheckpointStep: number): WorkerEvent {
    const name = backend ?? 'the';
    // A lost device often surfaces first as a failed read; name the real cause.
    if (this.deviceLost && !/device was lost/.test(String((e as Error)?.message))) e = new Error(`the WebGPU device was lost (${(e as Error)?.message ?? e})`);
    const ck = lastCheckpointStep >= 0 ? `the last checkpoint (step ${lastCheckpointStep})` : 'the start';
    return {
      type: 'error',
      kind: 'backend',
      step,
      message: `The ${name} backend failed at step ${step}: ${(e as Error)?.message ?? String(e)}. Training has stopped.`,
      advice: `Continue from ${ck} on another backend with the buttons below, or reload the page.`,
    };
  }
}

/** The start-up failure's error (no backend or no dataset): the lab cannot run at all. */
export function initFailureEvent(e: unknown): WorkerEvent {
  return {
    type: 'error', kind: 'init', step: 0,
    message: `The lab could not start: ${(e as Error).message}`,
    advice: 'Reload the page. If it fails again, choose another backend in the Backend menu.',
  };
}
