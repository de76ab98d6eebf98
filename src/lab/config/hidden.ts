// Controls hidden by `<control>_hide=1` in the address (a teacher's focused exercise). Set once
// at start-up, before the first render; components ask `isHidden(name)` for their own control.
// Names: the settings' URL keys (lr, temperature, gamma, metaLr, mu, metaInterval, beta_kd,
// beta_fitnet, beta_at, preset, method, seed, batchSize, dataset, compare, backend) and panels
// (lessons, import, teacher, runs, export, tools).
let hidden = new Set<string>();

export function setHidden(names: Iterable<string>): void {
  hidden = new Set(names);
}

export function isHidden(name: string): boolean {
  return hidden.has(name);
}

export function hiddenControls(): string[] {
  return [...hidden];
}
