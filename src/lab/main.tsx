import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startChartClock } from './charts/chart-clock';
import { setHidden, setLocked } from './config/hidden';
import { parseParams } from './config/url-params';
import { startUrlSync } from './config/url-sync';
import { autoplayNextReady, boot, predictWithStudent, setMemoryBudget } from './store/actions';
import { followOtherTabs, refreshLibrary } from './store/library';
import { useLab } from './store/lab-store';
import { startInterruptionTracking } from './runs/InterruptedOffer';
import { registerServiceWorkerWhenReady } from './shell/offline';
import './styles.css';
import { addWorkerHooks } from './test-hooks';
import { TEST_BUILD } from './test-build';

// A shared link may come as a query or (when a host strips queries) as a hash.
const { config, flags, errors, hidden, locked } = parseParams(window.location.search || window.location.hash);
setHidden(hidden);
setLocked(locked);
startChartClock();
if (TEST_BUILD) {
  // The lab student's predictions, to compare an exported model with (see e2e/export.spec.ts).
  window.__hkdLab!.predict = predictWithStudent;
  window.__hkdLab!.setMemoryBudget = setMemoryBudget;
  addWorkerHooks(window.__hkdLab!);
}
if (flags.autoplay) autoplayNextReady();
boot(config);
startUrlSync(flags.debug);
void refreshLibrary();
// The run this page writes is followed through its worker's `saved` events already.
followOtherTabs((c) => c.kind === 'run' && c.op === 'saved' && c.id === useLab.getState().runKey && useLab.getState().lease === 'writer');
startInterruptionTracking();
registerServiceWorkerWhenReady();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App urlErrors={errors} flags={flags} />
  </StrictMode>,
);
