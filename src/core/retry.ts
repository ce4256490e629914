/**
 * Waiting, retrying and time limits that all honour cancellation: the building blocks of the
 * provisioners' pause_before / max_retries / timeout, usable by builders for their own polling.
 */
import { goDuration } from './durations.js';

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export interface RetryOptions {
  /** Further attempts after the first one fails (Packer's max_retries). */
  readonly retries: number;
  readonly signal: AbortSignal;
  /** Called before each retry with the error that caused it and the attempts left (counting this one). */
  readonly onRetry?: (error: unknown, left: number) => void;
  /** Wait between attempts (none by default, as Packer's provisioner retries). */
  readonly delayMs?: number;
}

/** Runs `attempt` until it succeeds or the retries are spent; never retries once the signal aborted. */
export async function withRetries<T>(attempt: () => Promise<T>, opts: RetryOptions): Promise<T> {
  let lastError: unknown;
  for (let left = opts.retries; ; left--) {
    if (opts.signal.aborted) throw opts.signal.reason;
    try {
      return await attempt();
    } catch (error) {
      if (opts.signal.aborted || left <= 0) throw error;
      lastError = error;
    }
    opts.onRetry?.(lastError, left);
    if (opts.delayMs) await sleep(opts.delayMs, opts.signal);
  }
}

export class TimeoutError extends Error {
  constructor(
    readonly ms: number,
    what: string,
  ) {
    super(`${what} timed out after ${goDuration(ms)}`);
    this.name = 'TimeoutError';
  }
}

/**
 * Runs `fn` with a signal that also aborts after `ms`; rejects with a TimeoutError at the deadline
 * without waiting for a task that ignores its signal (its late result is dropped).
 */
export function withTimeout<T>(
  ms: number,
  signal: AbortSignal,
  what: string,
  fn: (signal: AbortSignal) => Promise<T>,
  onTimeout?: () => void,
): Promise<T> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal.reason);
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      const error = new TimeoutError(ms, what);
      onTimeout?.();
      controller.abort(error);
      reject(error);
    }, ms);
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    };
    fn(controller.signal).then(
      (v) => {
        done();
        resolve(v);
      },
      (e) => {
        done();
        reject(e);
      },
    );
  });
}

/**
 * The task's result, or a rejection with the signal's reason once it aborts. With `graceMs`, a task
 * that honours the signal gets that long to stop its own work (kill a remote command, remove a partial
 * upload) before it is left behind; one that ignores the signal cannot hold the cancel up longer.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal, graceMs = 0): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      promise.catch(() => {});
      if (graceMs <= 0) return reject(signal.reason);
      const timer = setTimeout(() => reject(signal.reason), graceMs);
      const settle = () => {
        clearTimeout(timer);
        reject(signal.reason);
      };
      promise.then(settle, settle);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
