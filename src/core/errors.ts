/**
 * Telling cancellation from failure, and an error's message for the user. Cancellation is rethrown as
 * it is, never wrapped, so every layer can recognise it.
 */

/** True for an abort (AbortSignal, Node's AbortError, a timeout we set) rather than a failure. */
export function isCancellation(error: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted && (error === signal.reason || isAbortError(error))) return true;
  return isAbortError(error);
}

function isAbortError(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === 'AbortError' || (error as { code?: string }).code === 'ABORT_ERR')
  );
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Several errors as one (Packer's MultiError, with its text). */
export class MultiError extends Error {
  constructor(readonly errors: readonly Error[]) {
    super(`${errors.length} error(s) occurred:\n\n${errors.map((e) => `* ${e.message}`).join('\n')}`);
    this.name = 'MultiError';
  }
}
