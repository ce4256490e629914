/**
 * Which EC2 errors are worth another try, how long to wait before it, and a count of every retry so a
 * build can report them. Throttling and transient server errors are always retried; "not found" only
 * where the caller says the resource was just created (EC2 is eventually consistent: a new id can be
 * unknown to the next call for seconds).
 */

/** Codes AWS uses for throttling (EC2 answers RequestLimitExceeded; the others come from other services). */
const THROTTLING = new Set([
  'RequestLimitExceeded',
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'SlowDown',
  'EC2ThrottledException',
  'BandwidthLimitExceeded',
]);

/** Server-side trouble that says nothing about the request itself. */
const TRANSIENT = new Set(['InternalError', 'InternalFailure', 'ServiceUnavailable', 'Unavailable']);

/** Answered with HTTP 5xx but not transient: retrying for seconds would not change the answer. */
const FINAL = new Set([
  'InsufficientInstanceCapacity',
  'InsufficientHostCapacity',
  'InsufficientReservedInstanceCapacity',
]);

export type RetryKind = 'throttled' | 'eventual-consistency' | 'transient';

/** What an EC2 call failed with, as far as retrying is concerned. */
export interface CallFailure {
  readonly code: string;
  readonly httpStatus?: number;
  /** No HTTP answer at all (connection refused or reset, socket timeout). */
  readonly network?: boolean;
}

/**
 * Why `failure` may succeed on a later try, or undefined when it will not. `retryCodes` are the
 * not-found codes the caller expects right after a create (`InvalidInstanceID.NotFound`…).
 */
export function retryKind(failure: CallFailure, retryCodes: readonly string[] = []): RetryKind | undefined {
  if (THROTTLING.has(failure.code) || failure.httpStatus === 429) return 'throttled';
  if (retryCodes.includes(failure.code)) return 'eventual-consistency';
  if (FINAL.has(failure.code)) return undefined;
  if (failure.network || TRANSIENT.has(failure.code)) return 'transient';
  if (failure.httpStatus !== undefined && failure.httpStatus >= 500) return 'transient';
  return undefined;
}

export interface BackoffOptions {
  /** First ceiling in ms (doubles each retry). */
  readonly baseMs: number;
  /** Largest ceiling in ms. */
  readonly capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 200, capMs: 20_000 };

/**
 * Exponential backoff with full jitter: a uniform wait in [0, min(cap, base·2^retry)]. Jitter keeps
 * parallel builds that were throttled together from retrying together.
 */
export function backoffMs(
  retry: number,
  opts: BackoffOptions = DEFAULT_BACKOFF,
  random = Math.random,
): number {
  const ceiling = Math.min(opts.capMs, opts.baseMs * 2 ** Math.min(retry, 30));
  return Math.round(random() * ceiling);
}

/** Counts of one build's EC2 calls and retries (shared by the clients of every region). */
export class ApiStats {
  calls = 0;
  readonly retries: Record<RetryKind, number> = {
    throttled: 0,
    'eventual-consistency': 0,
    transient: 0,
  };
  /** Retries by action, for the log. */
  readonly byAction = new Map<string, number>();

  get totalRetries(): number {
    return this.retries.throttled + this.retries['eventual-consistency'] + this.retries.transient;
  }

  record(action: string, kind: RetryKind): void {
    this.retries[kind]++;
    this.byAction.set(action, (this.byAction.get(action) ?? 0) + 1);
  }

  /** `EC2 API: 52 calls, 17 retries (15 throttled, 2 not yet visible, 0 network/server errors)`. */
  summary(): string {
    const r = this.retries;
    return (
      `EC2 API: ${this.calls} calls, ${this.totalRetries} retries ` +
      `(${r.throttled} throttled, ${r['eventual-consistency']} not yet visible, ${r.transient} network/server errors)`
    );
  }
}
