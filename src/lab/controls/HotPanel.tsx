// Live settings: applied between steps, optimiser state kept. Each edit is confirmed by the
// worker (and then drawn as a marker on the charts).
import type { HintId, HotSettings } from '../../core/train/config';
import { BETA_RULE, HOT_RULES } from '../../core/train/validate';
import { isHidden } from '../config/hidden';
import { editHot } from '../store/actions';
import { useLab } from '../store/lab-store';
import type { HotKey } from '../config/lab-config';
import { NumberField } from './NumberField';

const FIELDS: { key: HotKey; label: string; hint: string; meta?: boolean }[] = [
  { key: 'lr', label: 'Learning rate α', hint: 'Step size of the student.' },
  { key: 'temperature', label: 'Temperature T', hint: 'Softens the teacher’s predictions for KD.' },
  { key: 'gamma', label: 'CE weight γ', hint: 'Weight of the label loss.' },
  { key: 'metaLr', label: 'Meta learning rate η', hint: 'How fast the meta-weight network learns.', meta: true },
  { key: 'mu', label: 'Ensembling μ', hint: 'Memory of past weights (0: none).', meta: true },
  { key: 'metaInterval', label: 'Meta interval', hint: 'A meta step every m-th step.', meta: true },
];

const short = (k: string) => (k === 'lr' ? 'lr' : k === 'temperature' ? 'T' : k === 'gamma' ? 'γ' : k === 'metaLr' ? 'η' : k === 'mu' ? 'μ' : k === 'metaInterval' ? 'm' : k);

export function describeChange(c: Partial<HotSettings>): string {
  return Object.entries(c)
    .map(([k, v]) => (k === 'betas' ? Object.entries(v as Record<string, number>).map(([h, b]) => `β ${h} = ${b}`).join(', ') : `${short(k)} = ${v}`))
    .join(', ');
}

export function HotPanel() {
  const hot = useLab((s) => s.hot ?? s.config.hot);
  const runs = useLab((s) => s.runs);
  const edits = useLab((s) => s.edits);
  const hints = [...new Set(runs.flatMap((r) => r.info.hints))] as HintId[];
  const meta = runs.some((r) => r.info.method.startsWith('hkd'));
  const last = [...edits].reverse().find((e) => e.status !== 'pending');
  const pending = edits.some((e) => e.status === 'pending');
  return (
    <section className="card panel" aria-labelledby="hot-title">
      <h2 id="hot-title">Live settings</h2>
      <p className="panel-note">Applied while training runs; the student keeps its momentum. Press Enter to apply.</p>
      {FIELDS.filter((f) => (!f.meta || meta) && !isHidden(f.key)).map((f) => (
        <NumberField
          key={f.key}
          label={f.label}
          rule={HOT_RULES[f.key]}
          value={hot[f.key]}
          hint={f.hint}
          testId={`hot-${f.key}`}
          onCommit={(v) => editHot({ [f.key]: v }, `${short(f.key)}=${v}`)}
        />
      ))}
      {hints.filter((h) => !isHidden(`beta_${h}`)).map((h) => (
        <NumberField
          key={h}
          label={`Hint scale β ${h.toUpperCase()}`}
          rule={{ ...BETA_RULE, label: `β for ${h}` }}
          value={hot.betas[h]}
          testId={`hot-beta-${h}`}
          onCommit={(v) => editHot({ betas: { [h]: v } as Record<HintId, number> }, `β${h}=${v}`)}
        />
      ))}
      <p className="edit-status" aria-live="polite" data-testid="edit-status">
        {pending ? 'Sending…' : last ? (last.status === 'applied' ? `Worker confirmed ${describeChange(last.changed)} from step ${last.step}.` : `Refused: ${describeChange(last.changed)}.`) : ''}
      </p>
    </section>
  );
}
