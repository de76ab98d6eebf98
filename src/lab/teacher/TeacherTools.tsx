// The teacher as a file: save the one in use (serialize.ts weights format), or load one for the
// current dataset and preset (the runs restart from it, so this asks first).
import type { ConfirmRequest } from '../controls/ConfirmDialog';
import { FileButton } from '../controls/FileButton';
import { exportFile, loadTeacherFile } from '../store/actions';
import { useLab } from '../store/lab-store';

export function TeacherTools({ confirm }: { confirm: (r: ConfirmRequest) => void }) {
  const ready = useLab((s) => s.runs.length > 0);
  const phase = useLab((s) => s.teacherPhase);
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
    </section>
  );
}
