/**
 * -on-error and -debug as decorators around steps (Packer's commonsteps.NewRunner): `abort` skips the
 * cleanup of a failed or interrupted build and says what it leaves behind; `run-cleanup-provisioner`
 * does the same but still runs the error-cleanup-provisioner; `ask` offers clean up / abort / retry
 * when a step fails; `-debug` pauses after each step's run and before each cleanup.
 */
import type { Step } from '../sdk/step.js';
import type { Ui } from '../sdk/ui.js';
import { errorMessage } from './errors.js';
import { raceAbort } from './retry.js';
import { type EngineCleanupContext, isProvisionCleanup, type StepDecorator, withMarks } from './steps.js';

export { provisionCleanupMark } from './steps.js';

export const onErrorModes = ['cleanup', 'abort', 'ask', 'run-cleanup-provisioner'] as const;
export type OnError = (typeof onErrorModes)[number];

export interface DecoratorOptions {
  readonly onError: OnError;
  readonly debug: boolean;
  readonly ui: Ui;
}

/** The decorators for one step run; they share what they have already said. */
export function stepDecorator(opts: DecoratorOptions): StepDecorator {
  const abort = abortState(opts.ui);
  return <S>(step: Step<S>): Step<S> => {
    let out = step;
    if (opts.onError === 'abort' || opts.onError === 'run-cleanup-provisioner') {
      const keep = opts.onError === 'run-cleanup-provisioner' && isProvisionCleanup(step as Step<unknown>);
      if (!keep) out = abortOnFailure(out, abort);
    } else if (opts.onError === 'ask') {
      out = askOnFailure(out, opts.ui, abort);
    }
    if (opts.debug) out = debugPauses(out, opts.ui);
    return out;
  };
}

interface AbortState {
  /** Set by `ask` when the user chose to abort. */
  askedToAbort: boolean;
  skip(step: Step<unknown>, state: unknown, ctx: EngineCleanupContext): void;
}

function abortState(ui: Ui): AbortState {
  let announced = false;
  return {
    askedToAbort: false,
    skip(step, state, ctx) {
      if (!announced) {
        announced = true;
        ui.error(
          ctx.outcome === 'cancelled'
            ? 'Interrupted, aborting...'
            : `Step "${ctx.failedStep ?? step.name}" failed, aborting...`,
        );
      }
      const left = step.describeCleanup?.(state);
      ui.error(`aborted: skipping cleanup of step "${step.name}"${left ? `; left behind: ${left}` : ''}`);
    },
  };
}

function withCleanup<S>(step: Step<S>, cleanup: Step<S>['cleanup']): Step<S> {
  return withMarks(step, {
    name: step.name,
    run: (state, ctx) => step.run(state, ctx),
    describeCleanup: step.describeCleanup && ((state) => step.describeCleanup!(state)),
    cleanup,
  });
}

function abortOnFailure<S>(step: Step<S>, abort: AbortState): Step<S> {
  const inner = step.cleanup;
  if (!inner) return step;
  return withCleanup(step, async (state, ctx) => {
    if (ctx.outcome === 'succeeded') return inner.call(step, state, ctx);
    abort.skip(step as Step<unknown>, state, ctx as EngineCleanupContext);
  });
}

const askQuestion =
  '[c] Clean up and exit, [a] abort without cleanup, or [r] retry step (build may fail even if retry succeeds)?';

type AskAnswer = 'cleanup' | 'abort' | 'retry';

function askOnFailure<S>(step: Step<S>, ui: Ui, abort: AbortState): Step<S> {
  const inner = step.cleanup;
  const decorated = withCleanup(
    step,
    inner &&
      (async (state, ctx) => {
        if (abort.askedToAbort && ctx.outcome !== 'succeeded') {
          abort.skip(step as Step<unknown>, state, ctx as EngineCleanupContext);
          return;
        }
        return inner.call(step, state, ctx);
      }),
  );
  return {
    ...decorated,
    async run(state, ctx) {
      for (;;) {
        try {
          return await step.run(state, ctx);
        } catch (error) {
          if (ctx.signal.aborted) throw error;
          ui.error(errorMessage(error));
          ui.say(`Step "${step.name}" failed`);
          const answer = await askChoice(ui, ctx.signal);
          if (answer === 'retry') continue;
          if (answer === 'abort') abort.askedToAbort = true;
          throw error;
        }
      }
    },
  };
}

async function askChoice(ui: Ui, signal: AbortSignal): Promise<AskAnswer> {
  for (;;) {
    let line: string | undefined;
    try {
      line = await untilAborted(ui.ask(askQuestion), signal);
    } catch {
      // No terminal to ask on: Packer reads an empty line, which means clean up.
      line = '';
    }
    if (line === undefined) return 'cleanup'; // interrupted while asking
    const first = `${line.toLowerCase()}c`[0];
    if (first === 'c') return 'cleanup';
    if (first === 'a') return 'abort';
    if (first === 'r') return 'retry';
    ui.say(`Incorrect input: ${JSON.stringify(line)}`);
  }
}

/** The promise's value, or undefined as soon as `signal` aborts. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  return raceAbort(promise, signal).catch((error: unknown) => {
    if (signal.aborted && error === signal.reason) return undefined;
    throw error;
  });
}

function debugPauses<S>(step: Step<S>, ui: Ui): Step<S> {
  const pause = async (where: string, signal: AbortSignal) => {
    try {
      await untilAborted(ui.ask(`Pausing ${where} step '${step.name}'. Press enter to continue.`), signal);
    } catch {
      // No terminal: carry on, as Packer does when reading fails.
    }
  };
  const inner = step.cleanup;
  return {
    ...withCleanup(
      step,
      inner &&
        (async (state, ctx) => {
          await pause('before cleanup of', ctx.signal);
          return inner.call(step, state, ctx);
        }),
    ),
    async run(state, ctx) {
      await step.run(state, ctx);
      await pause('after run of', ctx.signal);
    },
  };
}
