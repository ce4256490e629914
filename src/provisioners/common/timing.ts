/** Durations (Go syntax, as the configs carry them) and waits that stop when the build is cancelled. */
import { parseGoDuration } from '../../hcl/functions/gotime.js';

/** A Go duration string in milliseconds; empty or absent is 0. */
export function durationMs(value: unknown): number {
  if (typeof value !== 'string' || value === '') return 0;
  return Number(parseGoDuration(value) / 1_000_000n);
}

/** Go's time.Duration.String for a whole number of milliseconds: `1h2m3s`, `1.5s`, `250ms`, `0s`. */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  ms = Math.abs(ms);
  if (ms < 1000) return `${sign}${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  const secs = `${Number.isInteger(s) ? s : s.toFixed(3).replace(/0+$/, '')}s`;
  if (h > 0) return `${sign}${h}h${m}m${secs}`;
  if (m > 0) return `${sign}${m}m${secs}`;
  return `${sign}${secs}`;
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('Build was cancelled.');
}

/**
 * Packer's retry.Config{StartTimeout}.Run: call `fn` until it succeeds; after a failure, give up with that
 * error once `timeoutMs` has passed since the first try (or the build is cancelled), else wait and retry.
 */
export async function retryUntil<T>(
  timeoutMs: number,
  signal: AbortSignal,
  fn: () => Promise<T>,
  opts: { delayMs?: number; onRetry?: (err: unknown) => void } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (signal.aborted) throw abortReason(signal);
      if (timeoutMs > 0 && Date.now() >= deadline) throw err;
      opts.onRetry?.(err);
      await sleep(opts.delayMs ?? 2000, signal);
    }
  }
}
