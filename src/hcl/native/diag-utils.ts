/** Small helpers the parser files share for collecting diagnostics. */
import type { Diagnostic } from '../diagnostics.js';

/** Whether any error was added to `diags` at or after index `from`. */
export function errorsSince(diags: readonly Diagnostic[], from: number): boolean {
  for (let i = from; i < diags.length; i++) if ((diags[i] as Diagnostic).severity === 'error') return true;
  return false;
}
