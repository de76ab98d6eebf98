// The backends the lab can train on, in the order "auto" tries them. Part of the configuration
// (a link can ask for one), so they are named in the settings schema; the contract re-exports them.
export { BACKEND_NAMES, BACKEND_PREFS, type BackendName, type BackendPref } from '../../core/settings';
