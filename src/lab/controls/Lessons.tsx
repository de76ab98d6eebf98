// Classroom presets: one click sets up and starts an experiment worth watching.
import { defaultLabConfig, type LabConfig } from '../config/lab-config';
import { autoplayNextReady, resetRuns } from '../store/actions';
import { useLab } from '../store/lab-store';
import type { ConfirmRequest } from './ConfirmDialog';

interface Lesson {
  id: string;
  title: string;
  text: string;
  make: (base: LabConfig) => LabConfig;
}

const LESSONS: Lesson[] = [
  { id: 'hkd', title: 'Watch HKD at work', text: 'One HKD run: see the meta-weight network set a weight per instance and hint.', make: (b) => ({ ...b, compare: [], cold: { ...b.cold, method: 'hkd' } }) },
  { id: 'kd-vs-hkd', title: 'KD vs HKD', text: 'Fixed-weight KD and HKD on identical batches: what do per-instance weights add?', make: (b) => ({ ...b, compare: ['kd', 'hkd'] }) },
  { id: 'ce-vs-kd', title: 'Does the teacher help?', text: 'A student alone (CE) against one taught by the teacher (KD).', make: (b) => ({ ...b, compare: ['ce', 'kd'] }) },
  { id: 'ensemble', title: 'Why ensemble weights?', text: 'HKD with and without weight ensembling: compare the hint-mix and heat strips.', make: (b) => ({ ...b, compare: ['hkd-noens', 'hkd'] }) },
];

export function Lessons({ confirm }: { confirm: (r: ConfirmRequest) => void }) {
  const step = useLab((s) => s.step);
  const start = (l: Lesson) => {
    const cur = useLab.getState().applied ?? defaultLabConfig();
    // Keep the user's small settings (batch, eval size, backend); change what the lesson is about.
    const next = l.make({ ...cur, hot: defaultLabConfig().hot });
    const go = () => {
      autoplayNextReady();
      resetRuns(next);
    };
    if (step > 0) confirm({ title: `Start “${l.title}”?`, body: 'This resets the current run.', confirmLabel: 'Start lesson', onConfirm: go });
    else go();
  };
  return (
    <section className="card lessons" aria-labelledby="lessons-title">
      <h2 id="lessons-title">Start in one click</h2>
      <ul>
        {LESSONS.map((l) => (
          <li key={l.id}>
            <button type="button" onClick={() => start(l)}>{l.title}</button>
            <span>{l.text}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
