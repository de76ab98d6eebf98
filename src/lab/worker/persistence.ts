// The saved run the session writes into: its identity in the run store (key, name, lease, saver).
// The runs' past itself is in their run logs (run-logs.ts).
import { RunLeases } from '../../core/storage/run-lease';
import type { RunLog } from '../../core/runs/run-log';
import type { RunRecord } from '../../core/storage/run-store';
import { RunSaver } from './run-saver';
import type { SessionDeps } from './session-deps';

export const newRunKey = () => `run-${Date.now().toString(36)}-${Math.floor(Math.random() * 36 ** 4).toString(36)}`;

/** The saved run the session writes into. */
export class RunIdentity {
  key = '';
  name = '';
  createdAt = 0;
  /** One writer per saved run across tabs; false while this run is shown read-only. */
  writable = true;
  readonly saver: RunSaver;
  readonly leases: RunLeases;

  constructor(deps: SessionDeps, onLost: (key: string) => void) {
    this.saver = new RunSaver(deps.store, deps.clock);
    this.leases = new RunLeases(deps.locks, onLost);
  }

  /** This tab may write the run now. */
  mayWrite(): boolean {
    return this.writable && this.leases.mayWrite(this.key);
  }
}

/** A saved record's run logs, one per run (the first run's in `series`, the others in `extra`). */
export function savedLogs(rec: RunRecord): RunLog[] {
  return [rec.series, ...((rec.extra?.series as RunLog[] | undefined) ?? [])];
}
