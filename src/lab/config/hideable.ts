// Every name `<name>_hide=1` can hide, fixed here so that links, the controls and the top bar
// agree: each setting's URL key, each panel, and the top bar's buttons and readouts. A name not
// listed is reported as a bad address value.
import { SETTINGS } from '../../core/settings';

/** Sidebar cards and sections, hidden whole. */
export const HIDE_PANELS = ['lessons', 'liveSettings', 'runSettings', 'data', 'import', 'teacher', 'runs', 'export', 'tools'] as const;
/** Top-bar and chart controls (the top bar and the charts ask for these names). */
export const HIDE_BUTTONS = ['play', 'step', 'reset', 'backendReason', 'chartExport'] as const;

export const HIDEABLE: ReadonlySet<string> = new Set([...SETTINGS.map((e) => e.urlKey), ...HIDE_PANELS, ...HIDE_BUTTONS]);
