/** A failed script: Packer's message, plus the exit status and the output it ended with. */
export class ScriptError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | undefined,
    readonly lastOutput: readonly string[],
  ) {
    super(
      lastOutput.length > 0
        ? `${message}\nLast output:\n${lastOutput.map((l) => `  ${l}`).join('\n')}`
        : message,
    );
    this.name = 'ScriptError';
  }
}

/** Keeps the last lines of a command's output (both streams, in arrival order) for error messages. */
export class OutputTail {
  private readonly lines: string[] = [];
  private partial = '';

  constructor(private readonly keep = 10) {}

  push(chunk: string): void {
    const parts = (this.partial + chunk).split('\n');
    this.partial = parts.pop()!;
    for (const line of parts) this.add(line);
  }

  /** The kept lines, including an unfinished last one. */
  get(): string[] {
    const out = [...this.lines];
    if (this.partial.trim() !== '') out.push(this.partial.replace(/\r$/, ''));
    return out.slice(-this.keep);
  }

  private add(line: string): void {
    line = line.replace(/\r$/, '');
    if (line.trim() === '') return;
    this.lines.push(line);
    if (this.lines.length > this.keep) this.lines.shift();
  }
}
