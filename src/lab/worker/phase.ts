// What the session steps: the teacher phase (an imported dataset's teacher trained first) or the
// distil phase (the student runs). The session's queue and loop drive either through this.
export interface Phase {
  readonly kind: 'teacher' | 'distil';
  /** One step; `single` when asked by hand (reported at once); `traceRun` takes it traced. */
  step(single: boolean, traceRun?: number): Promise<void>;
  /** Sends what the steps since the last flush reported. */
  flush(): Promise<void>;
  /** Saves a state the page can resume from (nothing to save in the teacher phase). */
  checkpoint(background?: boolean): Promise<void>;
  /** Play was pressed: the flush clock (and steps-per-second rate) restarts. */
  started(): void;
  dispose(): void;
}

/** Coalesce step reports into one metrics event at most this often. */
export const FLUSH_MS = 150;
