// The teacher as a file: save the one in use (serialize.ts weights format), or load one for the
// current dataset and preset (the runs restart from it, so this asks first).
import { BUILTIN_DATASET } from '../config/lab-config';
import type { ConfirmRequest } from '../controls/ConfirmDialog';
import { FileButton } from '../controls/FileButton';
import { exportFile, forgetTeacher, loadTeacherFile } from '../store/actions';
import { useLab } from '../store/lab-store';

export function TeacherTools({ confirm }: { confirm: (r: ConfirmRequest) => void }) {
  const ready = useLab((s) => s.runs.length > 0);
  const phase = useLab((s) => s.teacherPhase);
  const stored = useLab((s) => s.runs[0]?.info.teacherStored ?? false);
  const builtIn = useLab((s) => (s.applied ?? s.config).cold.dataset === BUILTIN_DATASET);
  return (
    <section className="card panel" aria-labelledby="teacher-tools-title">
      <h2 id="teacher-tools-title">Teacher</h2>
      <button type="button" disabled={!ready || phase?.state === 'training'} onClick={() => exportFile('teacher')}>Save the teacher to a file</button>
      <FileButton
        label="Load a teacher file…"
        accept=".hkdw,.bin,application/octet-stream"
        testId="teacher-file-input"
        onFile={(f) => confirm({ title: 'Restart from this teacher?', body: `The runs restart, distilling from the teacher in ${f.name}. The current run stays in your saved runs.`, confirmLabel: 'Load teacher', onConfirm: () => void loadTeacherFile(f) })}
      />
      {stored && (
        <button
          type="button"
          data-testid="forget-teacher"
          onClick={() =>
            confirm({
              title: 'Forget this teacher?',
              body: builtIn
                ? 'The teacher kept in this browser is removed; the runs restart from the pretrained teacher.'
                : 'The teacher kept in this browser for this dataset is removed; the runs restart with a new teacher trained first.',
              confirmLabel: 'Forget teacher',
              onConfirm: forgetTeacher,
            })
          }
        >
          {builtIn ? 'Back to the pretrained teacher' : 'Train a new teacher'}
        </button>
      )}
    </section>
  );
}
