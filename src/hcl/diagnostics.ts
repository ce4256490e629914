import type { Range } from './pos.js';

export type Severity = 'error' | 'warning';

/**
 * A problem found in a configuration, as a value (HCL's `hcl.Diagnostic`).
 * `summary` is a short noun phrase; `detail` full sentences; `subject` the exact range at fault;
 * `context` an optional wider range (e.g. the whole expression) shown around the subject.
 */
export interface Diagnostic {
  readonly severity: Severity;
  readonly summary: string;
  readonly detail?: string;
  readonly subject?: Range;
  readonly context?: Range;
}

export type Diagnostics = Diagnostic[];

export function errorDiag(
  summary: string,
  detail: string | undefined,
  subject?: Range,
  context?: Range,
): Diagnostic {
  return { severity: 'error', summary, detail, subject, context };
}

export function warningDiag(
  summary: string,
  detail: string | undefined,
  subject?: Range,
  context?: Range,
): Diagnostic {
  return { severity: 'warning', summary, detail, subject, context };
}

export function hasErrors(diags: readonly Diagnostic[]): boolean {
  return diags.some((d) => d.severity === 'error');
}

/** Thrown only across API boundaries that cannot return diagnostics (e.g. a CLI command's top level). */
export class DiagnosticsError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map((d) => d.summary).join('; '));
    this.name = 'DiagnosticsError';
  }
}
