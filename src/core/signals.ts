/**
 * Ctrl-C and SIGTERM during a build: the first cancels every build (each then cleans up, saying what
 * it cleans); a second stops waiting for cleanup — cleanups get an aborted signal and the command exits
 * after best-effort cleanup. Packer's handleTermInterrupt, with the second signal made useful.
 */

export interface InterruptHandlers {
  /** The first signal: cancel the builds. */
  readonly onFirst?: (signal: NodeJS.Signals) => void;
  /** The second signal: cleanup is best effort from now on. */
  readonly onSecond?: (signal: NodeJS.Signals) => void;
}

export interface Interrupts {
  /** Aborted at the first signal: what every build runs under. */
  readonly signal: AbortSignal;
  /** Aborted at the second signal: what cleanups give up at. */
  readonly forceSignal: AbortSignal;
  /** The first signal received, if any. */
  readonly received: () => NodeJS.Signals | undefined;
  /** Stops listening (the process's default handling comes back). */
  dispose(): void;
}

/** Go's name of a signal, as Packer prints it ("Cancelling build after receiving interrupt"). */
export function goSignalName(signal: NodeJS.Signals): string {
  return signal === 'SIGINT' ? 'interrupt' : signal === 'SIGTERM' ? 'terminated' : signal;
}

type SignalSource = Pick<NodeJS.Process, 'on' | 'off'>;

export function handleInterrupts(
  handlers: InterruptHandlers = {},
  source: SignalSource = process,
): Interrupts {
  const cancel = new AbortController();
  const force = new AbortController();
  let first: NodeJS.Signals | undefined;
  const listener = (sig: NodeJS.Signals) => {
    if (!cancel.signal.aborted) {
      first = sig;
      handlers.onFirst?.(sig);
      cancel.abort(new InterruptedError(sig));
    } else if (!force.signal.aborted) {
      handlers.onSecond?.(sig);
      force.abort(new InterruptedError(sig));
    }
  };
  source.on('SIGINT', listener);
  source.on('SIGTERM', listener);
  return {
    signal: cancel.signal,
    forceSignal: force.signal,
    received: () => first,
    dispose() {
      source.off('SIGINT', listener);
      source.off('SIGTERM', listener);
    },
  };
}

/** The reason a build's signal carries when the user interrupted it. */
export class InterruptedError extends Error {
  constructor(readonly signal: NodeJS.Signals) {
    super(`interrupted by ${signal}`);
    this.name = 'AbortError';
  }
}
