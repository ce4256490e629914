/**
 * The step contract (Packer's multistep): a builder is a flat list of steps, each with the undo of what
 * its run recorded creating. The runner registers a step's cleanup before awaiting its run, so cleanups
 * unwind in reverse order and include the step that failed.
 */
import type { Logger, Ui } from './ui.js';

export interface StepContext {
  /** Aborted when the build is cancelled (Ctrl-C, SIGTERM, another build's failure under -on-error). */
  readonly signal: AbortSignal;
  readonly ui: Ui;
  readonly log: Logger;
}

export type BuildOutcome = 'succeeded' | 'failed' | 'cancelled';

export interface CleanupContext extends StepContext {
  readonly outcome: BuildOutcome;
}

export interface Step<S> {
  /** Shown by --debug and -on-error=ask. */
  readonly name: string;
  /** Throw to halt the build. */
  run(state: S, ctx: StepContext): Promise<void>;
  /** Undo only what run() recorded creating; runs under a fresh timeout signal. */
  cleanup?(state: S, ctx: CleanupContext): Promise<void>;
  /**
   * What cleanup would remove, in words a user can act on (`VM "web" and its disk output/web.qcow2`);
   * undefined when run() recorded creating nothing. Said while cleaning up, listed when -on-error=abort
   * leaves it behind, and named in a failed cleanup's error as what to delete by hand.
   */
  describeCleanup?(state: S): string | undefined;
}
