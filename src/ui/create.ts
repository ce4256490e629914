/**
 * createUi: the build command's output in one of three modes, shaped as Packer's UI wrappers shape it
 * (TargetedUI → TimestampedUi → ColoredUi → BasicUi or MachineReadableUi). Every text passes the masker
 * before it is decorated, written or logged.
 */
import {
  buildColors,
  cleanOutputLine,
  colorize,
  colorMessage,
  formatBytes,
  formatElapsed,
  type MessageKind,
  prefixLines,
  progressBar,
  timestampLine,
} from './format.js';
import { createLineSplitter, type LineSplitter } from './line-splitter.js';
import type { LiveRegion } from './live-region.js';
import { machineLine } from './machine.js';
import { createMasker } from './mask.js';
import { readAnswer } from './read-answer.js';
import type { BuildUi, UiOptions, UiRoot } from './types.js';

interface Transfer {
  readonly label: string;
  readonly total: number;
  done: number;
}

interface BuildState {
  readonly name: string;
  readonly color: number;
  /** The step running now (the last `say`), shown by the spinner. */
  activity?: { text: string; since: number };
  readonly transfers: Set<Transfer>;
  readonly splitters: LineSplitter[];
  ui?: BuildUi;
}

export async function createUi(opts: UiOptions): Promise<UiRoot> {
  const masker = opts.masker ?? createMasker(opts.secrets ?? []);
  const now = opts.now ?? (() => new Date());
  const machineMode = opts.mode === 'machine-readable';
  const useColor = !machineMode && (opts.color ?? opts.mode === 'tty');
  const errorStream = opts.errorsToStderr && opts.stderr ? opts.stderr : opts.stdout;
  const interactive = !machineMode && opts.stdin !== undefined && (opts.interactive ?? isTTY(opts.stdin));
  const progressInterval = opts.progressInterval ?? 30_000;
  const partialLineDelay = opts.partialLineDelay ?? 500;
  const live: LiveRegion | undefined =
    opts.mode === 'tty' ? await (await import('./live-region.js')).createLiveRegion(opts.stdout) : undefined;

  const builds = new Map<string, BuildState>();
  let ticker: NodeJS.Timeout | undefined;
  let asking: Promise<unknown> = Promise.resolve();

  const write = (stream: NodeJS.WritableStream, text: string) => {
    if (live) live.print(stream, text);
    else stream.write(text);
  };

  /** Every message ends here: masked, timestamped, logged, then a machine line or a (colored) line. */
  const emit = (kind: MessageKind, text: string, color: number | undefined, stamped: boolean) => {
    let out = masker.mask(text);
    if (stamped && opts.timestamps) out = timestampLine(now(), out);
    opts.log?.log(`${kind === 'error' ? 'ui error' : 'ui'}: ${out}`);
    if (machineMode) {
      opts.stdout.write(machineLine(now(), '', 'ui', [kind, out]));
      return;
    }
    if (useColor && color !== undefined) out = colorMessage(kind, out, color);
    write(kind === 'error' ? errorStream : opts.stdout, `${out}\n`);
  };

  const machine = (target: string, type: string, args: readonly string[]) => {
    const masked = args.map((a) => masker.mask(a));
    if (machineMode) opts.stdout.write(machineLine(now(), target, type, masked));
    else opts.log?.log(`machine readable: ${target ? `${target},` : ''}${type} ${JSON.stringify(masked)}`);
  };

  const liveLines = (): string[] => {
    const lines: string[] = [];
    const t = now().getTime();
    // A live line that wraps would leave its first half behind on every redraw: cut texts to fit.
    const columns = (opts.stdout as { columns?: number }).columns ?? 80;
    for (const b of builds.values()) {
      const name = useColor ? colorize(b.name, b.color, false) : b.name;
      if (b.activity) {
        const elapsed = ` (${formatElapsed(t - b.activity.since)})`;
        const room = columns - 2 - b.name.length - 2 - elapsed.length - 1;
        lines.push(`${name}: ${fit(b.activity.text, room)}${elapsed}`);
      }
      for (const x of b.transfers) {
        const bar = progressBar(x.done, x.total);
        const room = columns - 2 - 2 - b.name.length - 2 - bar.length - 2;
        lines.push(`  ${name}: ${fit(masker.mask(x.label), room)} ${bar}`);
      }
    }
    return lines;
  };

  const refreshLive = () => {
    if (!live) return;
    const lines = liveLines();
    live.show(lines);
    if (lines.length > 0 && !ticker) {
      // The elapsed times move on even when nothing is printed.
      ticker = setInterval(refreshLive, 1000);
      ticker.unref();
    } else if (lines.length === 0 && ticker) {
      clearInterval(ticker);
      ticker = undefined;
    }
  };

  const ask = (state: BuildState, target: string, question: string): Promise<string> => {
    if (machineMode) return Promise.reject(new Error("machine-readable UI can't ask"));
    if (!interactive || !opts.stdin) return Promise.reject(new Error('no available tty'));
    const stdin = opts.stdin;
    // One prompt at a time, as Packer's BasicUi holds its lock while asking.
    const turn = asking.then(async () => {
      let prompt = masker.mask(prefixLines(target, true, question));
      opts.log?.log(`ui: ask: ${prompt}`);
      if (useColor) prompt = colorize(prompt, state.color, true);
      // The spinner goes first: stopping it moves the cursor to the line start, over the prompt.
      live?.pause();
      opts.stdout.write(`${prompt} `);
      try {
        return await readAnswer(stdin, opts.signal);
      } catch (e) {
        opts.stdout.write('\n');
        throw e;
      } finally {
        live?.resume();
      }
    });
    asking = turn.catch(() => {});
    return turn;
  };

  const progress = (state: BuildState, target: string, label: string, total: number) => {
    const transfer: Transfer = { label, total, done: 0 };
    let lastPrinted = now().getTime();
    let lastDrawn = 0;
    if (live) {
      state.transfers.add(transfer);
      refreshLive();
    }
    return {
      update(done: number) {
        transfer.done = done;
        const t = now().getTime();
        if (live && t - lastDrawn >= 100) {
          // Transfers report every chunk; the spinner redraws only every 80 ms anyway.
          lastDrawn = t;
          refreshLive();
        }
        if (opts.mode !== 'plain') return;
        if (t - lastPrinted < progressInterval) return;
        lastPrinted = t;
        const percent = total > 0 ? Math.floor((Math.min(done, total) / total) * 100) : 0;
        const text = `${label}: ${percent}% (${formatBytes(done)} of ${formatBytes(total)})`;
        emit('message', prefixLines(target, false, text), state.color, true);
      },
      finish() {
        if (state.transfers.delete(transfer)) refreshLive();
      },
    };
  };

  const endActivity = (state: BuildState) => {
    if (!state.activity && state.transfers.size === 0) return;
    state.activity = undefined;
    state.transfers.clear();
    refreshLive();
  };

  const targetedUi = (state: BuildState, target: string): BuildUi => {
    const say = (m: string) => {
      emit('say', prefixLines(target, true, m), state.color, true);
      if (live) {
        state.activity = { text: masker.mask(m.split('\n')[0] ?? ''), since: now().getTime() };
        refreshLive();
      }
    };
    const message = (m: string) => emit('message', prefixLines(target, false, m), state.color, true);
    const error = (m: string) => emit('error', prefixLines(target, true, m), state.color, true);
    const splitter = (toUi: (line: string) => void) => {
      const s = createLineSplitter((line) => toUi(cleanOutputLine(line)), {
        safePrefixLength: masker.safePrefixLength,
        quietMs: partialLineDelay,
      });
      state.splitters.push(s);
      return s;
    };
    let stdoutLines: LineSplitter | undefined;
    let stderrLines: LineSplitter | undefined;
    const ui: BuildUi = {
      name: state.name,
      say,
      message,
      error,
      output(chunk, stream) {
        // Packer's RemoteCmd.RunWithUi: stdout lines as messages, stderr lines as errors.
        if (stream === 'stderr') {
          stderrLines ??= splitter(error);
          stderrLines.write(chunk);
        } else {
          stdoutLines ??= splitter(message);
          stdoutLines.write(chunk);
        }
      },
      ask: (q) => ask(state, target, q),
      sensitive: (...values) => masker.add(...values),
      progress: (label, total) => progress(state, target, label, total),
      machine: (type, ...args) => machine(target, type, args),
      // The bare lines are the build's verdict: its spinner line has nothing left to show.
      bare: {
        say: (m) => {
          endActivity(state);
          emit('say', m, state.color, true);
        },
        error: (m) => {
          endActivity(state);
          emit('error', m, state.color, true);
        },
      },
      forPostProcessor: (type) => targetedUi(state, `${state.name} (${type})`),
      done() {
        for (const s of state.splitters) s.flush();
        endActivity(state);
      },
    };
    return ui;
  };

  const stateOf = (name: string): BuildState => {
    let state = builds.get(name);
    if (!state) {
      const color = buildColors[builds.size % buildColors.length]!;
      state = { name, color, transfers: new Set(), splitters: [] };
      builds.set(name, state);
    }
    return state;
  };

  const root: UiRoot = {
    mode: opts.mode,
    masker,
    say: (m) => emit('say', m, undefined, false),
    error: (m) => emit('error', m, undefined, false),
    machine: (type, ...args) => machine('', type, args),
    introduceBuilds(names) {
      const states = names.map(stateOf);
      if (!useColor || states.length === 0) return;
      for (const s of states)
        write(
          opts.stdout,
          `${colorize(masker.mask(`${s.name}: output will be in this color.`), s.color, true)}\n`,
        );
      write(opts.stdout, '\n');
    },
    forBuild(name) {
      const state = stateOf(name);
      state.ui ??= targetedUi(state, name);
      return state.ui;
    },
    close() {
      for (const b of builds.values()) for (const s of b.splitters) s.flush();
      for (const b of builds.values()) {
        b.activity = undefined;
        b.transfers.clear();
      }
      refreshLive();
      live?.stop();
    },
  };
  return root;
}

/** `text` cut to `width` characters, with an ellipsis when cut. */
function fit(text: string, width: number): string {
  if (text.length <= width) return text;
  return width <= 1 ? '' : `${text.slice(0, width - 1)}…`;
}

function isTTY(stream: NodeJS.ReadableStream): boolean {
  return (stream as { isTTY?: boolean }).isTTY === true;
}
