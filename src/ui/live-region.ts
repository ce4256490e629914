/**
 * The bottom of a TTY: one `ora` spinner whose text lists each running build's current step with its
 * elapsed time, and progress bars for transfers. Lines printed above it are written between a clear and
 * a re-render, so the spinner never tears them. ora is loaded only here, when the UI is a TTY.
 */

export interface LiveRegion {
  /** Shows these lines (the spinner goes before the first); none stops the spinner. */
  show(lines: readonly string[]): void;
  /** Writes `text` above the region. */
  print(stream: NodeJS.WritableStream, text: string): void;
  /** Hides the region while something else owns the terminal (a prompt). */
  pause(): void;
  resume(): void;
  stop(): void;
}

/** Without a width (a pty nobody sized), redrawing cannot know what to erase: lines are only printed. */
const printOnly: LiveRegion = {
  show() {},
  print: (target, text) => {
    target.write(text);
  },
  pause() {},
  resume() {},
  stop() {},
};

export async function createLiveRegion(stream: NodeJS.WritableStream): Promise<LiveRegion> {
  if (!((stream as { columns?: number }).columns! > 0)) return printOnly;
  const { default: ora } = await import('ora');
  const spinner = ora({
    stream: stream as NodeJS.WriteStream,
    // We decided this is a TTY; ora's own CI detection would otherwise turn it off under CI=1 in a pty.
    isEnabled: true,
    // ask() reads stdin; ora's discarder would swallow the answer.
    discardStdin: false,
  });
  let lines: readonly string[] = [];
  let paused = false;

  const apply = () => {
    if (paused || lines.length === 0) {
      if (spinner.isSpinning) spinner.stop();
      return;
    }
    spinner.text = lines.join('\n');
    if (!spinner.isSpinning) spinner.start();
  };

  return {
    show(next) {
      lines = next;
      apply();
    },
    print(target, text) {
      // ora wraps writes to a terminal in a clear and a redraw itself; doing it here too draws twice.
      if (!spinner.isSpinning || (target as { isTTY?: boolean }).isTTY) {
        target.write(text);
        return;
      }
      spinner.clear();
      target.write(text);
      spinner.render();
    },
    pause() {
      paused = true;
      apply();
    },
    resume() {
      paused = false;
      apply();
    },
    stop() {
      lines = [];
      apply();
    },
  };
}
