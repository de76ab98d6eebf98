// Live settings: applied between steps, optimiser state kept. Each edit is confirmed by the
// worker (and then drawn as a marker on the charts). Fields, labels, help and checks come from
// the settings schema; an edit's label is the schema's one edit label.
import { BETAS, HOT, coefficientsNote, describeChange, liveEdit, type EditSetting, type HintId, type MethodId } from '../../core/settings';
import { METHOD_SPECS } from '../../core/methods/methods';
import { isHidden } from '../config/hidden';
import { editHot, READ_ONLY_EDIT } from '../store/actions';
import { useLab } from '../store/lab-store';
import type { HotKey } from '../config/lab-config';
import { NumberField } from './NumberField';

/** Settings that only matter to the meta-weight network (shown for HKD runs). */
const META_KEYS: readonly HotKey[] = ['metaLr', 'mu', 'metaInterval'];
const HOT_KEYS = Object.keys(HOT) as HotKey[];

/** The help of γ and β ends with the source of the current method's defaults. */
const withSource = (help: string, method: MethodId) => `${help} ${coefficientsNote(method, METHOD_SPECS[method].label)}`;

export function HotPanel() {
  const hot = useLab((s) => s.hot ?? s.config.hot);
  const runs = useLab((s) => s.runs);
  const edits = useLab((s) => s.edits);
  const method = useLab((s) => (s.applied ?? s.config).cold.method);
  const hints = [...new Set(runs.flatMap((r) => r.info.hints))] as HintId[];
  const meta = runs.some((r) => r.info.method.startsWith('hkd'));
  const last = [...edits].reverse().find((e) => e.status !== 'pending');
  const pending = edits.some((e) => e.status === 'pending');
  const locked = useLab((s) => (s.lease === 'writer' ? undefined : READ_ONLY_EDIT));
  const keys = HOT_KEYS.filter((k) => (meta || !META_KEYS.includes(k)) && !isHidden(k));
  const betas = hints.filter((h) => !isHidden(`beta_${h}`));
  // A card with nothing left to show is not rendered.
  if (isHidden('liveSettings') || (keys.length === 0 && betas.length === 0)) return null;
  const send = (setting: EditSetting, to: number) => {
    const e = liveEdit(setting, to);
    return editHot(e.changed, e.label);
  };
  return (
    <section className="card panel" aria-labelledby="hot-title">
      <h2 id="hot-title">Live settings</h2>
      <p className="panel-note">Applied while training runs; the student keeps its momentum. Press Enter to apply.</p>
      {keys.map((k) => (
        <NumberField
          key={k}
          setting={HOT[k]}
          value={hot[k]}
          hint={k === 'gamma' ? withSource(HOT[k].help, method) : undefined}
          testId={`hot-${k}`}
          locked={locked}
          onCommit={(v) => send(k, v)}
        />
      ))}
      {betas.map((h) => (
        <NumberField
          key={h}
          setting={BETAS[h]}
          value={hot.betas[h]}
          hint={withSource(BETAS[h].help, method)}
          testId={`hot-beta-${h}`}
          locked={locked}
          onCommit={(v) => send(`betas.${h}`, v)}
        />
      ))}
      <p className="edit-status" aria-live="polite" data-testid="edit-status">
        {pending ? 'Sending…' : last ? (last.status === 'applied' ? `Worker confirmed ${describeChange(last.changed)} from step ${last.step}.` : `Refused: ${describeChange(last.changed)}.`) : ''}
      </p>
    </section>
  );
}
