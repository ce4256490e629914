/**
 * The step runner (Packer's multistep BasicRunner): each step's cleanup is registered before its run
 * is awaited, so cleanups unwind in reverse order and include the step that failed. Cleanup runs under
 * a fresh timeout signal (the build's is already aborted when it was cancelled); a cleanup error is
 * reported with what to delete by hand and never hides the error that stopped the build.
 * -on-error and -debug are decorators around the steps (step-decorators.ts), not flags in here.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { BuildOutcome, CleanupContext, Step, StepContext } from '../sdk/step.js';
import type { Logger, Ui } from '../sdk/ui.js';
import { errorMessage } from './errors.js';

/** Wraps a step (adds -on-error or -debug behaviour); applied to every step of a run. */
export type StepDecorator = <S>(step: Step<S>) => Step<S>;

/** What the engine's decorators see in a cleanup, besides the SDK's context. */
export interface EngineCleanupContext extends CleanupContext {
  /** The name of the step whose run failed (or was cancelled), if one did. */
  readonly failedStep?: string;
  readonly error?: unknown;
}

export interface CleanupFailure {
  readonly step: string;
  readonly error: unknown;
  /** What the step would have removed: what the user must now delete by hand. */
  readonly leftBehind?: string;
}

export interface RunStepsOptions {
  readonly signal: AbortSignal;
  readonly ui: Ui;
  readonly log: Logger;
  /** Aborted by a second interrupt: cleanups stop waiting (best effort), as they do at the timeout. */
  readonly forceSignal?: AbortSignal;
  /** How long each cleanup may take. Default 5 minutes. */
  readonly cleanupTimeoutMs?: number;
  readonly decorate?: StepDecorator;
  /** Receives every failed cleanup (the build's summary names them). */
  readonly onCleanupFailure?: (failure: CleanupFailure) => void;
}

export const defaultCleanupTimeoutMs = 5 * 60_000;

/** A build that ran through but could not clean up after itself. */
export class CleanupFailedError extends Error {
  constructor(readonly failures: readonly CleanupFailure[]) {
    super(failures.map(describeFailure).join('; '));
    this.name = 'CleanupFailedError';
  }
}

function describeFailure(f: CleanupFailure): string {
  const what = f.leftBehind ? ` Delete by hand: ${f.leftBehind}.` : ' It may have left resources behind.';
  return `cleanup of step "${f.step}" failed: ${errorMessage(f.error)}.${what}`;
}

interface ActiveRun {
  readonly stack: Step<unknown>[];
  readonly decorate: StepDecorator;
}

const activeRun = new AsyncLocalStorage<ActiveRun>();

/**
 * Registers `step` (already run) for cleanup in the step run this call happens inside, right after the
 * step now running; false when not inside runSteps. The provision hook registers the
 * error-cleanup-provisioner this way, so it runs while the machine still exists.
 */
export function deferCleanup(step: Step<unknown>): boolean {
  const run = activeRun.getStore();
  if (!run) return false;
  run.stack.push(run.decorate(announced(step)));
  return true;
}

export async function runSteps<S>(steps: readonly Step<S>[], state: S, opts: RunStepsOptions): Promise<void> {
  const decorate = opts.decorate ?? (<T>(s: Step<T>) => s);
  const ctx: StepContext = { signal: opts.signal, ui: opts.ui, log: opts.log };
  const run: ActiveRun = { stack: [], decorate };
  let failure: { step: string; error: unknown } | undefined;
  for (const original of steps) {
    if (opts.signal.aborted) break;
    const step = decorate(announced(original));
    run.stack.push(step as Step<unknown>);
    opts.log.debug(`step: running ${step.name}`);
    try {
      await activeRun.run(run, () => step.run(state, ctx));
    } catch (error) {
      failure = { step: step.name, error };
      break;
    }
  }
  const outcome: BuildOutcome = opts.signal.aborted ? 'cancelled' : failure ? 'failed' : 'succeeded';
  const failures = await unwind(run.stack as Step<S>[], state, outcome, failure, opts);
  if (failure) throw failure.error;
  if (opts.signal.aborted) throw opts.signal.reason ?? new Error('cancelled');
  if (failures.length > 0) throw new CleanupFailedError(failures);
}

async function unwind<S>(
  stack: readonly Step<S>[],
  state: S,
  outcome: BuildOutcome,
  failure: { step: string; error: unknown } | undefined,
  opts: RunStepsOptions,
): Promise<CleanupFailure[]> {
  const failures: CleanupFailure[] = [];
  const timeout = opts.cleanupTimeoutMs ?? defaultCleanupTimeoutMs;
  for (const step of [...stack].reverse()) {
    if (!step.cleanup) continue;
    const leftBehind = safeDescribe(step, state);
    // A fresh signal: the build's may be aborted already, and cleanup must still get its chance.
    const { signal, dispose } = freshSignal(timeout, opts.forceSignal);
    const ctx: EngineCleanupContext = {
      signal,
      ui: opts.ui,
      log: opts.log,
      outcome,
      failedStep: failure?.step,
      error: failure?.error,
    };
    opts.log.debug(`step: cleaning up ${step.name} (${outcome})`);
    try {
      await step.cleanup(state, ctx);
    } catch (error) {
      const f: CleanupFailure = { step: step.name, error, leftBehind };
      failures.push(f);
      opts.ui.error(`Error: ${describeFailure(f)}`);
      opts.onCleanupFailure?.(f);
    } finally {
      dispose();
    }
  }
  return failures;
}

/**
 * A signal that aborts after `ms` or with `force`. Its timer keeps the process alive (unlike
 * AbortSignal.timeout's), so a cleanup that waits only on it is not cut short by the process exiting.
 */
export function freshSignal(ms: number, force?: AbortSignal): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException(`cleanup timed out after ${ms} ms`, 'TimeoutError')),
    ms,
  );
  const onForce = () => controller.abort(force?.reason);
  if (force?.aborted) onForce();
  else force?.addEventListener('abort', onForce, { once: true });
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer);
      force?.removeEventListener('abort', onForce);
    },
  };
}

function safeDescribe<S>(step: Step<S>, state: S): string | undefined {
  try {
    return step.describeCleanup?.(state);
  } catch {
    return undefined;
  }
}

/** Marks the step that runs the error-cleanup-provisioner (kept by -on-error=run-cleanup-provisioner). */
export const provisionCleanupMark: unique symbol = Symbol('imgbuild.provisionCleanup');

export function isProvisionCleanup(step: Step<unknown>): boolean {
  return (step as { [provisionCleanupMark]?: boolean })[provisionCleanupMark] === true;
}

/** The marks of `from` carried over to a wrapper of it. */
export function withMarks<S>(from: Step<S>, wrapper: Step<S>): Step<S> {
  if (!isProvisionCleanup(from as Step<unknown>)) return wrapper;
  return Object.assign(wrapper, { [provisionCleanupMark]: true });
}

/** The step with its cleanup saying what it removes, so the user sees what is being cleaned up. */
function announced<S>(step: Step<S>): Step<S> {
  const cleanup = step.cleanup;
  if (!cleanup) return step;
  return withMarks(step, {
    name: step.name,
    run: (state, ctx) => step.run(state, ctx),
    describeCleanup: step.describeCleanup && ((state) => step.describeCleanup!(state)),
    async cleanup(state, ctx) {
      const what = safeDescribe(step, state);
      if (what) ctx.ui.say(`Cleaning up ${what}...`);
      await cleanup.call(step, state, ctx);
    },
  });
}
