/** A setting outside its allowed range; nothing was changed. */
export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid settings: ${problems.join('; ')}`);
    this.name = 'SettingsError';
  }
}

/** A non-finite loss. The trainer keeps the last good state (that of `step`). */
export class DivergedError extends Error {
  constructor(readonly step: number, readonly lr: number, readonly what: string) {
    super(
      `Training diverged at step ${step + 1}: ${what} became NaN or infinite. ` +
        `The last good state (step ${step}) is kept. Lower the learning rate (now ${lr}) or the hint scales β, then continue.`,
    );
    this.name = 'DivergedError';
  }
}
