// The step-through's own small store: the last traced step from the worker (explain/StepThrough.tsx).
// Kept apart from the lab store so that opening, waiting and closing do not re-render the App; the
// stage index lives in the component. `followTrace` is the only writer of worker-derived state.
import { create } from 'zustand';
import type { WorkerEvent } from '../contract';

export type StepTraceEvent = Extract<WorkerEvent, { type: 'step-trace' }>;

export interface TraceState {
  /** 'waiting': a traced step was asked for; 'shown': its stages are on screen. */
  status: 'idle' | 'waiting' | 'shown';
  event: StepTraceEvent | null;
  /** Why the last request ended without a trace (a divergence, a refusal). */
  problem: string | null;
}

export const idleTrace = (): TraceState => ({ status: 'idle', event: null, problem: null });

/** Applies one worker event; returns the changed part of the state (nothing for unrelated events). */
export function followTrace(s: TraceState, ev: WorkerEvent): Partial<TraceState> {
  switch (ev.type) {
    case 'step-trace':
      return s.status === 'waiting' ? { status: 'shown', event: ev, problem: null } : {};
    case 'trace-refused':
      return s.status === 'waiting' ? { status: 'idle', problem: ev.reason } : {};
    case 'error':
      // The traced step was refused or diverged: no stages will come.
      return s.status === 'waiting' ? { status: 'idle', problem: ev.message } : {};
    case 'ready':
      // New runs: a trace of the old ones no longer describes anything on screen.
      return s.status === 'idle' && !s.event ? {} : idleTrace();
    default:
      return {};
  }
}

export const useStepTrace = create<TraceState>(() => idleTrace());
