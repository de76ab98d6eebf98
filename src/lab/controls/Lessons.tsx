// Classroom presets: one click sets up and starts an experiment worth watching.
import { changesLocked, LOCKED_NOTE } from '../config/hidden';
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
  // Like for like: the same three hints with the same scales, fixed weights against per-instance
  // ones. KD alone against HKD would mix "more hints" with "per-instance weights".
  { id: 'multi-vs-hkd', title: 'Fixed vs per-instance weights', text: 'The same three hints on identical batches, once with fixed weights (multi-hint) and once weighted per instance by HKD: what do per-instance weights add?', make: (b) => ({ ...b, compare: ['multi', 'hkd'] }) },
  { id: 'ce-vs-kd', title: 'Does the teacher help?', text: 'A student alone (CE) against one taught by the teacher (KD).', make: (b) => ({ ...b, compare: ['ce', 'kd'] }) },
  { id: 'ensemble', title: 'Why ensemble weights?', text: 'HKD with and without weight ensembling. In the first epoch every image is seen for the first time, so ṽ equals v in both runs; the difference appears from the second epoch, when ṽ starts averaging each image’s past weights: compare the hint-mix and heat strips then.', make: (b) => ({ ...b, compare: ['hkd-noens', 'hkd'] }) },
];

export function Lessons({ confirm }: { confirm: (r: ConfirmRequest) => void }) {
  const step = useLab((s) => s.step);
  const applied = useLab((s) => s.applied);
  // Keep the user's small settings (batch, eval size, backend); change what the lesson is about.
  const plan = (l: Lesson) => {
    const cur = applied ?? defaultLabConfig();
    return { cur, next: l.make({ ...cur, hot: defaultLabConfig().hot }) };
  };
  const start = (l: Lesson) => {
    const { next } = plan(l);
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
        {LESSONS.map((l) => {
          // A lesson may not undo a classroom link's lock (its method, pair or seed).
          const { cur, next } = plan(l);
          const blocked = changesLocked(cur, next).length > 0;
          return (
            <li key={l.id}>
              <button type="button" onClick={() => start(l)} disabled={blocked} aria-describedby={blocked ? `lesson-${l.id}-locked` : undefined}>{l.title}</button>
              <span>{l.text}</span>
              {blocked && <span id={`lesson-${l.id}-locked`} className="locked-note">{LOCKED_NOTE}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
