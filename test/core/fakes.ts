/**
 * Test doubles below the plugin interface: a Ui that records what it is told (and answers questions
 * from a script), and a plain list-of-events recorder the fake plugins write to.
 */
import type { Logger, Ui } from '../../src/sdk/ui.js';

export interface RecordingUi extends Ui {
  /** Every line said, as `say: …`, `message: …`, `error: …`, `ask: …`, `out: …`. */
  readonly lines: string[];
  /** Answers given to ask(), in order; when none is left, ask() waits until `answer` is called. */
  answer(line: string): void;
}

export function recordingUi(answers: string[] = []): RecordingUi {
  const lines: string[] = [];
  const queue = [...answers];
  let waiting: ((line: string) => void) | undefined;
  return {
    lines,
    say: (m) => lines.push(`say: ${m}`),
    message: (m) => lines.push(`message: ${m}`),
    error: (m) => lines.push(`error: ${m}`),
    output: (chunk) => lines.push(`out: ${chunk}`),
    ask(question) {
      lines.push(`ask: ${question}`);
      const next = queue.shift();
      if (next !== undefined) return Promise.resolve(next);
      return new Promise((resolve) => {
        waiting = resolve;
      });
    },
    answer(line) {
      const w = waiting;
      waiting = undefined;
      if (w) w(line);
      else queue.push(line);
    },
    progress: () => ({ update: () => {}, finish: () => {} }),
  };
}

export const quietLog: Logger = { debug: () => {} };

/** Resolves when `signal` aborts (for fakes that hang until cancelled). */
export function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}
