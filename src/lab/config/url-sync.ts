// Keeps the address in step with the running configuration (seed and live edits included), so
// copying it shares the experiment. replaceState: settings changes do not pile up in history.
import { useLab } from '../store/lab-store';
import { hiddenControls, lockedControls } from './hidden';
import { toParams } from './url-params';

export function startUrlSync(debug: boolean): void {
  let last = '';
  useLab.subscribe((s, prev) => {
    const c = s.applied;
    // Most updates are metrics: only a change of settings can change the address.
    if (!c || (c === prev.applied && s.hot === prev.hot && last)) return;
    const query = toParams({ ...c, hot: s.hot ?? c.hot }, { hidden: hiddenControls(), locked: lockedControls(), debug });
    if (query === last) return;
    last = query;
    history.replaceState(history.state, '', `${location.pathname}?${query}`);
  });
}
