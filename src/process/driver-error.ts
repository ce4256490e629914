/**
 * A failed external program (qemu-img, xorriso, qemu-system…), execa-style: the error carries the
 * command line, the exit code or signal and the tail of what the program wrote to stderr.
 */
export class DriverError extends Error {
  readonly code = 'DRIVER_ERROR';
  constructor(
    message: string,
    readonly argv: readonly string[],
    readonly exitCode: number | null,
    readonly exitSignal: NodeJS.Signals | null,
    readonly stderrTail: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DriverError';
  }
}

/** The last `lines` non-empty lines of a program's output. */
export function tailLines(text: string, lines = 10): string {
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(-lines)
    .join('\n');
}
