// The backends the lab can train on, in the order "auto" tries them. Part of the configuration
// (a link can ask for one), so it lives here; the contract re-exports it.
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type BackendPref = 'auto' | BackendName;
export const BACKEND_NAMES: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];
