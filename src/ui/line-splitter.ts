/**
 * Remote output arrives in chunks that split lines anywhere (and secrets with them). Complete lines are
 * passed on whole; a partial line is held until its newline, or shown after a quiet spell up to where a
 * secret might begin (Masker.safePrefixLength), so a prompt without a newline still appears.
 */

export interface LineSplitter {
  write(chunk: string): void;
  /** Passes on whatever is held. */
  flush(): void;
}

export function createLineSplitter(
  onLine: (line: string) => void,
  opts: { safePrefixLength: (text: string) => number; quietMs: number },
): LineSplitter {
  let pending = '';
  let timer: NodeJS.Timeout | undefined;

  const clearTimer = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };

  const showPartial = () => {
    timer = undefined;
    const n = opts.safePrefixLength(pending);
    if (n === 0) return;
    const shown = pending.slice(0, n);
    pending = pending.slice(n);
    onLine(shown);
  };

  return {
    write(chunk) {
      pending += chunk;
      let nl = pending.indexOf('\n');
      while (nl >= 0) {
        onLine(pending.slice(0, nl));
        pending = pending.slice(nl + 1);
        nl = pending.indexOf('\n');
      }
      clearTimer();
      if (pending !== '') {
        timer = setTimeout(showPartial, opts.quietMs);
        timer.unref();
      }
    },
    flush() {
      clearTimer();
      if (pending !== '') onLine(pending);
      pending = '';
    },
  };
}
