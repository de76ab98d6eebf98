import { useCallback, useEffect, useRef, useState } from 'react';
import { AccuracyChart } from './charts/AccuracyChart';
import { HintMixChart } from './charts/HintMixChart';
import { LossChart } from './charts/LossChart';
import { LearningRateChart } from './charts/LearningRateChart';
import { ProbeViews } from './charts/ProbeViews';
import { WeightHeatStrip } from './charts/WeightHeatStrip';
import { runColor } from './charts/colors';
import { ColdPanel } from './controls/ColdPanel';
import { ConfirmDialog, type ConfirmRequest } from './controls/ConfirmDialog';
import { HotPanel } from './controls/HotPanel';
import { Lessons } from './controls/Lessons';
import { Notices } from './controls/Notices';
import { InterruptedOffer } from './runs/InterruptedOffer';
import { StartupNotice } from './controls/StartupNotice';
import { LeaseNotice } from './runs/LeaseNotice';
import { TopBar } from './controls/TopBar';
import { HkdUpdate } from './explain/HkdUpdate';
import { Primer } from './explain/Primer';
import { primerDismissed, setPrimerDismissed } from './explain/primer-state';
import { isHidden } from './config/hidden';
import { ClassroomLink } from './controls/ClassroomLink';
import { BUILTIN_DATASET } from './config/lab-config';
import type { LabFlags } from './config/url-params';
import { DataPanel, startImport } from './data/DataPanel';
import { ExportPanel } from './export/ExportPanel';
import { ReproduceView } from './reproduce/ReproduceView';
import { SeedNote } from './runs/SeedNote';
import { RunsPanel } from './runs/RunsPanel';
import { SavedCompare } from './runs/SavedCompare';
import { evaluateNow, simulateLostDevice } from './store/actions';
import { useLab } from './store/lab-store';
import { TeacherPhaseChart } from './teacher/TeacherPhaseChart';
import { TeacherTools } from './teacher/TeacherTools';
import { useHeightVar } from './shell/height-var';
import { usePageKeys } from './shell/page-keys';
import { TEST_BUILD } from './test-build';

function RunLegend() {
  const runs = useLab((s) => s.runs);
  if (runs.length < 2) return null;
  return (
    <>
      <ul className="run-legend" aria-label="Runs in this comparison" data-testid="run-legend">
        {runs.map((r, i) => (
          <li key={i}><span className="swatch" style={{ background: runColor(i) }} aria-hidden="true" /> {r.info.label}</li>
        ))}
      </ul>
      <SeedNote />
    </>
  );
}

/** Dropping files anywhere on the page imports them (the Data panel's drop zone says so). */
function usePageDrop() {
  useEffect(() => {
    if (isHidden('import')) return;
    const over = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      if (!e.dataTransfer?.files.length) return;
      e.preventDefault();
      startImport(e.dataTransfer.files);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);
}

const pct = (x: number | undefined) => (x !== undefined && Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '—');

/** The student's latest test accuracy, always beside the teacher's. */
function AccuracyReadout() {
  const runs = useLab((s) => s.runs);
  useLab((s) => s.seriesVersion);
  const phase = useLab((s) => s.teacherPhase);
  const teacherEval = useLab((s) => s.teacherCurve.evals[s.teacherCurve.evals.length - 1]);
  const teacher = runs[0]?.info.teacherAcc ?? (phase ? teacherEval?.testAcc : undefined);
  return (
    <p className="acc-readout" data-testid="acc-readout" aria-live="off">
      Test accuracy:{' '}
      {runs.length === 0 ? <span>student —</span> : runs.map((r, i) => (
        <span key={i}>{runs.length > 1 ? r.info.label : 'student'} {pct(r.evals[r.evals.length - 1]?.testAcc)}{' · '}</span>
      ))}
      <span data-testid="teacher-acc">teacher {pct(teacher)}{phase?.state === 'training' ? ' (training)' : ''}</span>
    </p>
  );
}

function TeacherNote() {
  const run = useLab((s) => s.runs[0]);
  if (!run) return null;
  return (
    <p className="teacher-note" data-testid="teacher-note">
      Teacher: {run.info.teacherSource}
      {Number.isFinite(run.info.teacherAcc) ? ` · test accuracy ${(run.info.teacherAcc * 100).toFixed(1)}%` : ''}
    </p>
  );
}

/** Presenter mode: the four key views in large type and nothing else (styles.css hides the rest). */
function usePresenter() {
  const [on, setOn] = useState(false);
  const button = useRef<HTMLElement | null>(null);
  const set = useCallback((next: boolean) => {
    if (next) button.current = document.activeElement as HTMLElement | null;
    setOn(next);
    // Back from presenter mode, the focus returns where it was (the hidden one is gone).
    if (!next) requestAnimationFrame(() => button.current?.focus?.());
  }, []);
  return [on, set] as const;
}

function Credits() {
  const dataset = useLab((s) => s.dataset);
  return (
    <footer className="credits">
      {dataset && dataset.id !== BUILTIN_DATASET
        ? `Data: ${dataset.name}. ${dataset.source}.`
        : 'Data: Fashion-MNIST by Zalando Research (MIT licence), a 10,000-image training and 2,000-image test subset.'}{' '}
      The networks are scaled-down teacher/student pairs, so the numbers are not the paper’s CIFAR-100 results.
    </footer>
  );
}

export function App({ urlErrors, flags }: { urlErrors: string[]; flags: LabFlags }) {
  const [request, setRequest] = useState<ConfirmRequest | null>(null);
  const [presenter, setPresenter] = usePresenter();
  const [primer, setPrimer] = useState(() => ({ open: !primerDismissed(), asked: false }));
  usePageKeys({ blocked: request !== null, presenter, setPresenter });
  usePageDrop();
  const header = useRef<HTMLElement>(null);
  const status = useRef<HTMLDivElement>(null);
  useHeightVar(header, '--bar-h');
  useHeightVar(status, '--status-h');
  const closePrimer = () => {
    setPrimerDismissed(true);
    setPrimer({ open: false, asked: false });
  };
  return (
    <div className={`app${presenter ? ' presenter' : ''}`}>
      <a className="skip-link" href="#charts">Skip to the charts</a>
      <header className="app-header" ref={header}>
        <h1 title="Hint-dynamic Knowledge Distillation, live in your browser">HKD Lab</h1>
        <TopBar confirm={setRequest} onHelp={() => setPrimer({ open: true, asked: true })} onPresenter={() => setPresenter(true)} />
      </header>
      <Notices urlErrors={urlErrors} />
      <InterruptedOffer />
      <StartupNotice />
      <LeaseNotice />
      <main className="layout">
        <Primer open={primer.open} focusOnOpen={primer.asked} onClose={closePrimer} />
        <div className="charts" id="charts" tabIndex={-1}>
          <h2 className="sr-only">Charts</h2>
          <div className="dash-status" ref={status}>
            <TeacherNote />
            <AccuracyReadout />
            <RunLegend />
          </div>
          <LossChart />
          <AccuracyChart />
          <HintMixChart />
          <ProbeViews />
          {/* Presenter mode shows only the key views: the rest is not even drawn meanwhile. */}
          {!presenter && (
            <>
              <LearningRateChart />
              <ReproduceView />
              <SavedCompare />
              <TeacherPhaseChart />
              <WeightHeatStrip />
              <HkdUpdate />
              <Credits />
            </>
          )}
        </div>
        <aside className="sidebar" aria-label="Lessons and settings">
          {!isHidden('lessons') && <Lessons confirm={setRequest} />}
          <HotPanel />
          <ColdPanel confirm={setRequest} />
          <DataPanel confirm={setRequest} />
          {!isHidden('teacher') && <TeacherTools confirm={setRequest} />}
          {!isHidden('runs') && <RunsPanel />}
          {!isHidden('export') && <ExportPanel confirm={setRequest} />}
          {!isHidden('tools') && (
            <section className="card panel" aria-labelledby="tools-title">
              <h2 id="tools-title">Tools</h2>
              <button type="button" onClick={evaluateNow}>Evaluate on the test set now</button>
              {TEST_BUILD && flags.debug && (
                <button type="button" onClick={simulateLostDevice} data-testid="simulate-lost-device">Simulate a lost GPU device</button>
              )}
            </section>
          )}
          {!isHidden('classroom') && <ClassroomLink />}
        </aside>
      </main>
      {presenter && (
        <button type="button" className="leave-presenter" onClick={() => setPresenter(false)} data-testid="leave-presenter">
          Leave presenter mode (P or Esc)
        </button>
      )}
      <ConfirmDialog request={request} close={() => setRequest(null)} />
    </div>
  );
}
