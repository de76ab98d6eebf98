// Every name `<name>_hide=1` can hide, fixed here so that links, the controls, the top bar and the
// classroom link builder agree: each setting's URL key, each panel, and the top bar's buttons and
// readouts. A name not listed is reported as a bad address value.
import { SETTINGS, controlLabel } from '../../core/settings';

/** Sidebar cards and sections, hidden whole. */
export const HIDE_PANELS = ['lessons', 'liveSettings', 'runSettings', 'data', 'import', 'teacher', 'runs', 'export', 'tools', 'classroom'] as const;
/** Top-bar and chart controls (the top bar and the charts ask for these names). */
export const HIDE_BUTTONS = ['play', 'step', 'reset', 'backendReason', 'chartExport'] as const;

type PanelName = (typeof HIDE_PANELS)[number];
type ButtonName = (typeof HIDE_BUTTONS)[number];
// Typed as complete records: a name added above without a label does not compile.
const NAMED: Record<PanelName | ButtonName, string> = {
  lessons: 'Lessons', liveSettings: 'Live settings card', runSettings: 'Run settings card', data: 'Data card',
  import: 'Dataset import', teacher: 'Teacher tools', runs: 'Saved runs', export: 'Export card', tools: 'Tools card',
  classroom: 'This classroom link card',
  play: 'Play button', step: 'Step button', reset: 'Reset button', backendReason: 'Backend reason', chartExport: 'Chart export buttons',
};

/** The hideable names in groups, each with what it reads as (the classroom link builder lists these). */
export const HIDE_GROUPS: readonly { title: string; names: readonly { name: string; label: string }[] }[] = [
  { title: 'Panels', names: HIDE_PANELS.map((n) => ({ name: n, label: NAMED[n] })) },
  { title: 'Buttons and readouts', names: HIDE_BUTTONS.map((n) => ({ name: n, label: NAMED[n] })) },
  { title: 'Settings', names: SETTINGS.map((e) => ({ name: e.urlKey, label: `${controlLabel(e.setting)} (${e.urlKey})` })) },
];

// Settings first: the report of an unknown name lists them in this order.
const [panels, buttons, settings] = HIDE_GROUPS;
export const HIDEABLE: ReadonlySet<string> = new Set([settings, panels, buttons].flatMap((g) => g.names.map((n) => n.name)));

/** Run settings a link can lock (`<name>_lock=1`): shown, read-only, so a class keeps one setup. */
export const LOCKABLE = ['method', 'preset', 'seed'] as const;
export const LOCKABLE_SET: ReadonlySet<string> = new Set(LOCKABLE);
