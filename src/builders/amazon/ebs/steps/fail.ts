/** Packer's "Error doing X: <cause>" wrapping, which never wraps a cancellation (it is rethrown as is). */
import { errorMessage, isCancellation } from '../../../../core/errors.js';

export function wrapError(prefix: string, signal: AbortSignal): (error: unknown) => never {
  return (error) => {
    if (signal.aborted || isCancellation(error, signal)) throw error;
    throw new Error(`${prefix}: ${errorMessage(error)}`, { cause: error });
  };
}
