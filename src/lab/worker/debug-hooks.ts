// The training worker's test hooks (the `debug` command): a worker that dies, a smaller memory
// budget, a slow start, a lost device or a failed step. They exist in test builds only: the
// session makes them only when TEST_BUILD, so the production bundle drops this module
// (src/lab/test-build.test.ts checks for its marker text).
import type { Command } from '../contract';
import { simulateDeath, type LivenessScope } from './liveness';
import type { SessionCore } from './session-core';

type DebugCommand = Extract<Command, { type: 'debug' }>;

export const SIMULATED_FAILURE = 'simulated backend failure (debug command)';

export class DebugHooks {
  private failNextStep = false;

  constructor(private readonly s: SessionCore) {}

  handle(cmd: DebugCommand): void {
    if (cmd.action === 'memory-budget') this.s.memory.override = cmd.bytes;
    else if (cmd.action === 'stall-start') this.s.warmup.stallNextPass(cmd.ms);
    else if (cmd.action === 'lose-device') this.loseDevice();
  }

  /** Before each run's step: a failure asked for while training fails the step, as a backend would. */
  beforeRunStep(): void {
    if (this.failNextStep) throw new Error(SIMULATED_FAILURE);
  }

  /** Destroys the WebGPU device (its `lost` promise then fires), or fails the next step. */
  private loseDevice() {
    const device = this.s.deps.backend.device();
    if (device) {
      this.s.failure.deviceLost = true;
      device.destroy();
    } else {
      this.failNextStep = true;
      if (this.s.runState !== 'running') this.s.fail(new Error(SIMULATED_FAILURE));
    }
  }
}

/** The worker's own deaths (close, throw, reject) happen before the session sees the command. */
export function debugDeath(scope: LivenessScope, cmd: DebugCommand): boolean {
  if (cmd.action !== 'close' && cmd.action !== 'throw' && cmd.action !== 'reject') return false;
  simulateDeath(scope, cmd.action);
  return true;
}
