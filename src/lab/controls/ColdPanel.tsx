// Settings that define a run: changing one resets it, so each change asks first. Fields, labels,
// help and checks come from the settings schema.
import { useState } from 'react';
import { COLD, LAB, METHODS, PRESET_INFO, coefficientsOf, type ColdSettings, type MethodId } from '../../core/settings';
import { METHOD_SPECS } from '../../core/methods/methods';
import { LOCKED_NOTE, allHidden, isHidden, isLocked } from '../config/hidden';
import { resetRuns } from '../store/actions';
import { useLab } from '../store/lab-store';
import type { LabConfig } from '../config/lab-config';
import { ChoiceField } from './ChoiceField';
import type { ConfirmRequest } from './ConfirmDialog';
import { NumberField } from './NumberField';

/** The card's controls by their hideable names; the card is not rendered when all are hidden. */
const CONTROLS = ['preset', 'method', 'seed', 'batchSize', 'totalSteps', 'lrSchedule', 'weightNorm', 'compare'] as const;
const presetLabel = (id: string) => PRESET_INFO.find((p) => p.id === id)?.label ?? id;
const methodLabel = (m: MethodId) => METHOD_SPECS[m].label;
const lockNote = (name: string) => (isLocked(name) ? LOCKED_NOTE : undefined);

export function ColdPanel({ confirm }: { confirm: (r: ConfirmRequest) => void }) {
  const config = useLab((s) => s.applied ?? s.config);
  const step = useLab((s) => s.step);
  const [compareDraft, setCompareDraft] = useState<MethodId[]>(config.compare.length ? config.compare : ['kd', 'hkd']);
  if (isHidden('runSettings') || allHidden(CONTROLS)) return null;

  const ask = (what: string, next: LabConfig, onCancel?: () => void) =>
    confirm({
      title: 'Reset the run?',
      body: `Changing ${what} starts new runs from scratch: the student, its optimiser and the charts reset${step > 0 ? ` (now at step ${step})` : ''}.`,
      confirmLabel: 'Reset and apply',
      onConfirm: () => resetRuns(next),
      onCancel,
    });
  const withCold = (patch: Partial<ColdSettings>): LabConfig => ({ ...config, cold: { ...config.cold, ...patch } });
  const askCold = <K extends keyof ColdSettings>(key: K, value: ColdSettings[K], patch: Partial<ColdSettings> = {}) =>
    // The dialog names the new value, so the user sees what the field's Enter is about to apply.
    ask(`the ${COLD[key].label} to ${Array.isArray(value) ? value.join(', ') : String(value)}`, withCold({ [key]: value, ...patch }));
  // Each method has its own γ and β: choosing one applies its defaults (settings/coefficients.ts).
  const chooseMethod = (m: MethodId) => ask('the method', { ...withCold({ method: m }), hot: { ...config.hot, ...coefficientsOf(m) }, compare: [] });
  const usesMeta = [config.cold.method, ...config.compare].some((m) => METHOD_SPECS[m].weighting === 'meta');

  return (
    <section className="card panel" aria-labelledby="cold-title">
      <h2 id="cold-title">Run settings</h2>
      <p className="panel-note">Changing these resets the run (you will be asked first).</p>
      {!isHidden('preset') && <ChoiceField setting={COLD.preset} id="preset" locked={lockNote('preset')} value={config.cold.preset} optionLabel={presetLabel} onChange={(p) => ask('the teacher/student pair', withCold({ preset: p }))} />}
      {!isHidden('method') && (
        <ChoiceField
          setting={COLD.method} id="method" locked={lockNote('method')} value={config.compare.length ? '' : config.cold.method} optionLabel={methodLabel}
          placeholder={config.compare.length > 0 ? '(comparing)' : undefined} hint={METHOD_SPECS[config.cold.method].description} onChange={chooseMethod}
        />
      )}
      {!isHidden('seed') && <NumberField setting={COLD.seed} value={config.cold.seed} testId="cold-seed" locked={lockNote('seed')} asks onCommit={(v) => askCold('seed', v)} />}
      {!isHidden('batchSize') && <NumberField setting={COLD.batchSize} value={config.cold.batchSize} testId="cold-batchSize" asks onCommit={(v) => askCold('batchSize', v, { metaBatchSize: v })} />}
      {!isHidden('totalSteps') && <NumberField setting={COLD.totalSteps} value={config.cold.totalSteps} testId="cold-totalSteps" asks onCommit={(v) => askCold('totalSteps', v)} />}
      {!isHidden('lrSchedule') && <ChoiceField setting={COLD.lrSchedule} id="lrSchedule" value={config.cold.lrSchedule} onChange={(v) => askCold('lrSchedule', v)} />}
      {!isHidden('weightNorm') && usesMeta && <ChoiceField setting={COLD.weightNorm} id="weightNorm" value={config.cold.weightNorm} onChange={(v) => askCold('weightNorm', v)} />}
      {!isHidden('compare') && <fieldset className="compare">
        <legend>Compare methods (same seed, same batches)</legend>
        <p className="field-hint">{LAB.compare.help}</p>
        {METHODS.map((m) => (
          <label key={m} className="check">
            <input
              type="checkbox"
              checked={compareDraft.includes(m)}
              onChange={(e) => setCompareDraft((d) => (e.target.checked ? METHODS.filter((x) => x === m || d.includes(x)) : d.filter((x) => x !== m)))}
            />{' '}
            {methodLabel(m)}
          </label>
        ))}
        <button type="button" disabled={compareDraft.length < 2} onClick={() => ask(`to comparing ${compareDraft.map(methodLabel).join(' vs ')}`, { ...config, compare: compareDraft })}>
          Compare {compareDraft.length} methods
        </button>
        {config.compare.length > 0 && (
          <button type="button" onClick={() => ask('back to a single run', { ...config, compare: [] })}>Single run</button>
        )}
      </fieldset>}
    </section>
  );
}
