// Saved runs in the session: reopening one (or taking it over from another tab), replaying a run
// file, training a copy of a run shown read-only, and letting go of a run another tab took over.
import { parseRunFile, RunFileError } from '../../core/runs/runfile';
import type { CheckpointRecord, RunRecord } from '../../core/storage/run-store';
import { withLegacy } from '../../core/settings';
import type { BackendPref } from '../contract';
import { defaultLabConfig, type LabConfig } from '../config/lab-config';
import { build } from './build';
import { newRunKey, savedLogs } from './persistence';
import type { SessionCore } from './session-core';

/** Reopens a saved run from the store. Returns false (after saying why, unless quiet) when it cannot. */
export async function openRun(s: SessionCore, id: string, backend: BackendPref = s.config?.backend ?? 'auto', quiet = false, how: 'if-free' | 'steal' = 'if-free'): Promise<boolean> {
  const leases = s.record.leases;
  // The lease first: a take-over reads the record only after the other tab's last save.
  if (how === 'steal') s.post({ type: 'progress', phase: 'Taking the run over: the other tab saves its last steps…' });
  const lease = await leases.acquire(id, how);
  if (lease === 'timeout') {
    if (!quiet) openFailed(s, 'The other tab did not hand the run over within 20 seconds (it may be busy or frozen). Try Take over again.');
    return false;
  }
  const dropLease = () => lease === 'writer' && id !== s.record.key && leases.release(id);
  let rec: RunRecord | undefined;
  let ck: CheckpointRecord | undefined;
  try {
    const store = await s.deps.store();
    rec = await store.get(id);
    ck = await store.checkpoint(id);
  } catch (e) {
    dropLease();
    if (!quiet) openFailed(s, `Could not read the saved run ${id}: ${(e as Error).message}`);
    return false;
  }
  if (!rec) {
    dropLease();
    if (!quiet) openFailed(s, `The saved run ${id} is not in this browser any more (deleted in another tab?).`);
    return false;
  }
  s.stopLoop();
  const lab = (rec.extra?.lab ?? {}) as { compare?: LabConfig['compare']; teacherSteps?: number };
  // A run saved before a setting existed gets the setting's legacy value (how it ran then).
  const config: LabConfig = { ...defaultLabConfig(), cold: withLegacy(rec.config.cold), hot: rec.config.hot, compare: lab.compare ?? [], backend, teacherSteps: lab.teacherSteps ?? defaultLabConfig().teacherSteps };
  const checkpoints = ck ? [ck.checkpoint, ...(ck.others ?? [])] : undefined;
  // build() saves the run being replaced first. Without a checkpoint the run starts over as a
  // new record, so the saved one is not overwritten by a run that has lost its past.
  await build(
    s,
    config,
    checkpoints
      ? { resume: checkpoints, runKey: rec.id, runName: rec.name, createdAt: rec.createdAt, series: savedLogs(rec), edits: rec.edits, readOnly: lease !== 'writer' }
      : { runName: `${rec.name} (restarted: no checkpoint was saved)` },
  );
  return true;
}

/** A saved run could not be opened: say why; the page, waiting for it, gets the state back. */
function openFailed(s: SessionCore, message: string) {
  s.post({ type: 'error', kind: 'storage', step: s.step, message, advice: 'The current run goes on unchanged.' });
  s.postStatus();
}

export async function openRunFile(s: SessionCore, name: string, text: string): Promise<void> {
  let run;
  try {
    run = parseRunFile(text, name);
  } catch (e) {
    const msg = e instanceof RunFileError ? e.message : `${name}: ${(e as Error).message}`;
    s.post({ type: 'error', kind: 'file', step: s.step, message: msg, advice: 'Nothing changed: the current run goes on.' });
    return;
  }
  s.stopLoop();
  const base = s.config ?? defaultLabConfig();
  const config: LabConfig = { ...base, cold: run.config.cold, hot: run.config.hot, compare: [] };
  await build(s, config, { replay: { file: name, edits: run.edits, steps: run.steps }, runName: `Replay of ${name}` });
  // Opening a run file means "replay it": it plays to the recorded end, then pauses.
  if (s.distil?.replaying) s.start();
}

/** A run shown read-only (or moved away) goes on here as a new record: nobody's steps are overwritten. */
export async function trainCopy(s: SessionCore): Promise<void> {
  const id = s.record;
  if (id.writable || !s.distil) return;
  id.key = newRunKey();
  id.name = `${id.name} (copy)`;
  id.createdAt = Date.now();
  await id.leases.acquire(id.key, 'if-free');
  id.writable = true;
  s.post({ type: 'lease', runKey: id.key, state: 'writer', step: s.step });
  await s.distil.checkpoint();
}

/** Another tab took a run over: stop, save the last steps (the other tab waits for them), let go. */
export function leaseLost(s: SessionCore, key: string): void {
  const id = s.record;
  const current = key === id.key && id.writable;
  if (current) s.stopLoop();
  const letGo = async () => {
    if (current && !s.failed) {
      await s.distil?.flush();
      await s.distil?.save();
    }
    if (current) id.writable = false;
    await id.saver.settled();
    id.leases.release(key);
    if (!current) return;
    s.postStatus();
    s.post({ type: 'lease', runKey: key, state: 'moved', step: s.step });
  };
  // A failed session runs nothing more (exclusive skips it): it lets go at once.
  void (s.failed ? letGo() : s.exclusive(letGo));
}
