/** What `createUi` hands out: a root for command-level output and one Ui per build (src/sdk/ui.ts). */
import type { Ui } from '../sdk/ui.js';
import type { Masker } from './mask.js';

export type UiMode = 'tty' | 'plain' | 'machine-readable';

export interface UiOptions {
  /** tty: spinner and progress bars; plain: prefixed lines (CI); machine-readable: Packer's CSV lines. */
  readonly mode: UiMode;
  readonly stdout: NodeJS.WritableStream;
  /** Errors go to stdout as in Packer (its ErrorWriter is stdout) unless `errorsToStderr`. */
  readonly stderr?: NodeJS.WritableStream;
  readonly errorsToStderr?: boolean;
  /** Where ask() reads answers; asking fails without it or when `interactive` is false. */
  readonly stdin?: NodeJS.ReadableStream;
  /** Whether ask() may prompt (default: stdin is a TTY). Machine-readable output never asks. */
  readonly interactive?: boolean;
  /** Per-build colors (default: on in tty mode; -color=false turns them off). Never in machine-readable. */
  readonly color?: boolean;
  /** -timestamp-ui: an RFC 3339 time before each build message. */
  readonly timestamps?: boolean;
  /** Values to hide (sensitive variables, passwords, private keys); or a masker shared with the logger. */
  readonly secrets?: Iterable<string>;
  readonly masker?: Masker;
  /** Receives every UI line (Packer logs `ui: …`); it masks on its own. */
  readonly log?: { log(message: string): void };
  /** Aborting it makes a pending ask() reject (Ctrl-C while prompting). */
  readonly signal?: AbortSignal;
  /** For tests: the clock. */
  readonly now?: () => Date;
  /** Plain mode: a transfer's progress is printed at most this often (ms, default 30 s). */
  readonly progressInterval?: number;
  /** A partial output line (no newline yet) is shown after this much quiet (ms, default 500). */
  readonly partialLineDelay?: number;
}

/** A build's Ui: Packer's TargetedUI (`==> NAME: …`), colored and timestamped as the root says. */
export interface BuildUi extends Ui {
  readonly name: string;
  /** A machine-readable line targeted at this build (`timestamp,NAME,type,args…`); nothing otherwise. */
  machine(type: string, ...args: string[]): void;
  /** The build's color and timestamp without the prefix: Packer's `Build 'NAME' finished after …`. */
  readonly bare: { say(message: string): void; error(message: string): void };
  /** Packer's post-processor Ui: target `NAME (TYPE)`, the build's color. */
  forPostProcessor(type: string): BuildUi;
  /** The build has ended: flushes partial output lines and removes its spinner and progress bars. */
  done(): void;
}

export interface UiRoot {
  readonly mode: UiMode;
  readonly masker: Masker;
  /** Command-level lines (`==> Wait completed after …`): no prefix, no color, no timestamp. */
  say(message: string): void;
  error(message: string): void;
  /** An untargeted machine-readable line (`timestamp,,type,args…`); nothing in human modes. */
  machine(type: string, ...args: string[]): void;
  /**
   * Gives the builds their colors in this order and, when colored, prints Packer's
   * `NAME: output will be in this color.` lines and a blank line.
   */
  introduceBuilds(names: readonly string[]): void;
  /** The Ui for one build (the same object for the same name). */
  forBuild(name: string): BuildUi;
  /** Flushes every build's partial lines and stops the spinner. */
  close(): void;
}
