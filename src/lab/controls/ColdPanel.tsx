// Settings that define a run: changing one resets it, so each change asks first.
import { useState } from 'react';
import { METHODS, type MethodId } from '../../core/train/config';
import { COLD_RULES } from '../../core/train/validate';
import { METHOD_SPECS } from '../../core/methods/methods';
import { PRESET_META as PRESETS } from '../config/presets-meta';
import { isHidden } from '../config/hidden';
import { resetRuns } from '../store/actions';
import { useLab } from '../store/lab-store';
import type { LabConfig } from '../config/lab-config';
import type { ConfirmRequest } from './ConfirmDialog';
import { NumberField } from './NumberField';

export function ColdPanel({ confirm }: { confirm: (r: ConfirmRequest) => void }) {
  const config = useLab((s) => s.applied ?? s.config);
  const step = useLab((s) => s.step);
  const [compareDraft, setCompareDraft] = useState<MethodId[]>(config.compare.length ? config.compare : ['kd', 'hkd']);

  const ask = (what: string, next: LabConfig, onCancel?: () => void) =>
    confirm({
      title: 'Reset the run?',
      body: `Changing ${what} starts new runs from scratch: the student, its optimiser and the charts reset${step > 0 ? ` (now at step ${step})` : ''}.`,
      confirmLabel: 'Reset and apply',
      onConfirm: () => resetRuns(next),
      onCancel,
    });
  const withCold = (patch: Partial<LabConfig['cold']>): LabConfig => ({ ...config, cold: { ...config.cold, ...patch } });

  return (
    <section className="card panel" aria-labelledby="cold-title">
      <h2 id="cold-title">Run settings</h2>
      <p className="panel-note">Changing these resets the run (you will be asked first).</p>
      {!isHidden('preset') && <div className="field">
        <label htmlFor="preset">Teacher → student</label>
        <select id="preset" value={config.cold.preset} onChange={(e) => ask('the teacher/student pair', withCold({ preset: e.target.value }))}>
          {PRESETS.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
        </select>
      </div>}
      {!isHidden('method') && <div className="field">
        <label htmlFor="method">Method</label>
        <select id="method" value={config.compare.length ? '' : config.cold.method} onChange={(e) => ask('the method', { ...withCold({ method: e.target.value as MethodId }), compare: [] })}>
          {config.compare.length > 0 && <option value="">(comparing)</option>}
          {METHODS.map((m) => <option key={m} value={m}>{METHOD_SPECS[m].label}</option>)}
        </select>
 <p className="field-hint">{METHOD_SPECS[config.cold.method].description}</p>
      </div>}
      {!isHidden('seed') && <NumberField label="Seed" rule={COLD_RULES.seed!} value={config.cold.seed} testId="cold-seed" asks onCommit={(v) => ask(`the seed to ${v}`, withCold({ seed: v }))} />}
      {!isHidden('batchSize') && <NumberField label="Batch size" rule={COLD_RULES.batchSize!} value={config.cold.batchSize} testId="cold-batchSize" asks onCommit={(v) => ask(`the batch size to ${v}`, withCold({ batchSize: v, metaBatchSize: v }))} />}
      {!isHidden('compare') && <fieldset className="compare">
        <legend>Compare methods (same seed, same batches)</legend>
        {METHODS.map((m) => (
          <label key={m} className="check">
            <input
              type="checkbox"
              checked={compareDraft.includes(m)}
              onChange={(e) => setCompareDraft((d) => (e.target.checked ? METHODS.filter((x) => x === m || d.includes(x)) : d.filter((x) => x !== m)))}
            />{' '}
            {METHOD_SPECS[m].label}
          </label>
        ))}
        <button type="button" disabled={compareDraft.length < 2} onClick={() => ask(`to comparing ${compareDraft.map((m) => METHOD_SPECS[m].label).join(' vs ')}`, { ...config, compare: compareDraft })}>
          Compare {compareDraft.length} methods
        </button>
        {config.compare.length > 0 && (
          <button type="button" onClick={() => ask('back to a single run', { ...config, compare: [] })}>Single run</button>
        )}
      </fieldset>}
    </section>
  );
}
