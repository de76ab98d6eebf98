/** A setting outside its allowed range; nothing was changed. */
export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid settings: ${problems.join('; ')}`);
    this.name = 'SettingsError';
  }
}

/** Where a divergence left the run, as the trainer knows it after rolling back (or not). */
export interface DivergedState {
  /** The step the trainer rolled back to: the last state whose own step was healthy. */
  rolledBackTo?: number;
  /** No healthy state is known: the steps before had blown up the weights, or none ran since a restore. */
  poisoned?: boolean;
  /** The hint scales in use, to name what to lower. */
  betas?: Record<string, number>;
}

/** A non-finite loss. The trainer keeps the last good state (that of `step`), or rolls back to a healthy one. */
export class DivergedError extends Error {
  constructor(readonly step: number, readonly lr: number, readonly what: string, readonly state: DivergedState = {}) {
    const betas = state.betas && Object.keys(state.betas).length
      ? ` or the hint scales β (now ${Object.entries(state.betas).map(([h, b]) => `${h} ${b}`).join(', ')})`
      : ' or the hint scales β';
    const to = state.rolledBackTo;
    const kept = to !== undefined
      ? `The run rolled back to step ${to}, the last healthy state (steps ${to + 1}–${step} had already blown up the weights and are dropped).`
      : state.poisoned
        ? `No healthy state is known to roll back to: the state it ran from may already be blown up (a label loss far above chance, or saved that way). If it diverges again after lowering the settings, reset the run.`
        : `The last good state (step ${step}) is kept.`;
    super(`Training diverged at step ${step + 1}: ${what} became NaN or infinite. ${kept} Lower the learning rate (now ${lr})${betas}, then continue.`);
    this.name = 'DivergedError';
  }

  get rolledBackTo(): number | undefined {
    return this.state.rolledBackTo;
  }
}
