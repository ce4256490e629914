/**
 * How plugins and the engine talk to the user (Packer's packersdk.Ui). The engine gives each build a
 * Ui that prefixes lines with the build name, masks secrets, and renders for a TTY, plain CI logs or
 * -machine-readable output.
 */
export interface Ui {
  /** A step-level message: `==> NAME: message`. */
  say(message: string): void;
  /** A detail line under the current step: `    NAME: message`. */
  message(message: string): void;
  /** An error line. */
  error(message: string): void;
  /** Raw remote output (from provisioners), line-buffered and masked. */
  output(chunk: string, stream: 'stdout' | 'stderr'): void;
  /** Asks the user a question (for -on-error=ask and breakpoints); rejects when there is no TTY. */
  ask(question: string): Promise<string>;
  /** A byte-counting progress bar for a transfer; the returned function updates it. */
  progress(label: string, total: number): { update(done: number): void; finish(): void };
  /**
   * Hides these values (a generated password, a temporary private key) as `<sensitive>` in all output and
   * logs from now on: Packer's LogSecretFilter.Set. Optional so that test doubles need not implement it.
   */
  sensitive?(...values: string[]): void;
}

export interface Logger {
  debug(message: string): void;
}
