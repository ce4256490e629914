/**
 * Waiting for an EC2 resource to reach a state. With `aws_polling` (or AWS_POLL_DELAY_SECONDS /
 * AWS_MAX_ATTEMPTS) it polls exactly as told, like Packer. Without, it does not give up after AWS's
 * 40 × 15 s: it follows the resource's state (polling every 0.5 s at first, slowing to every 15 s) until it
 * succeeds or fails, bounded only by a generous ceiling per kind of wait, and says so.
 */
import { goDuration } from '../../../core/durations.js';
import { sleep } from '../../../core/retry.js';

export interface PollingSettings {
  readonly delayMs?: number;
  readonly maxAttempts?: number;
}

/** aws_polling { delay_seconds, max_attempts } over AWS_POLL_DELAY_SECONDS / AWS_MAX_ATTEMPTS. */
export function pollingSettings(
  config: Readonly<Record<string, unknown>>,
  env: NodeJS.ProcessEnv = process.env,
): PollingSettings {
  const block = (config.aws_polling ?? {}) as Record<string, unknown>;
  const fromEnv = (name: string) => {
    const n = Number.parseInt(env[name] ?? '', 10);
    return Number.isFinite(n) && n > 0 ? n : undefined;
  };
  const positive = (v: unknown) => (typeof v === 'number' && v > 0 ? v : undefined);
  const delay = positive(block.delay_seconds) ?? fromEnv('AWS_POLL_DELAY_SECONDS');
  const attempts = positive(block.max_attempts) ?? fromEnv('AWS_MAX_ATTEMPTS');
  return {
    delayMs: delay !== undefined ? delay * 1000 : undefined,
    maxAttempts: attempts,
  };
}

export type Observed = { done: true } | { done: false; state: string } | { failed: string };

export interface WaitSpec<T> {
  /** "AMI ami-0abc to become available": used in progress lines and errors. */
  readonly what: string;
  /** One look at the resource. */
  poll(signal: AbortSignal): Promise<T>;
  /** What that look means. */
  observe(value: T): Observed;
  /** The ceiling when no polling settings are given. */
  readonly ceilingMs: number;
}

export interface WaitHooks {
  readonly signal: AbortSignal;
  /** A line now and then while waiting long (every minute). */
  readonly progress?: (line: string) => void;
  /** The clock and the pause between polls (tests replace both). */
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 15_000;
const PROGRESS_EVERY_MS = 60_000;
const AWS_DEFAULT_ATTEMPTS = 40;
const AWS_DEFAULT_DELAY_MS = 15_000;

/** The explanation printed once before a wait that follows the state. */
export function waitPolicyText(polling: PollingSettings, ceilingMs: number): string {
  if (polling.delayMs !== undefined || polling.maxAttempts !== undefined) {
    const delay = polling.delayMs ?? AWS_DEFAULT_DELAY_MS;
    const attempts = polling.maxAttempts ?? AWS_DEFAULT_ATTEMPTS;
    return `polling every ${goDuration(delay)}, at most ${attempts} times (aws_polling)`;
  }
  return `following its state until it settles, up to ${goDuration(ceilingMs)} (set aws_polling to bound the wait)`;
}

export async function waitFor<T>(spec: WaitSpec<T>, polling: PollingSettings, hooks: WaitHooks): Promise<T> {
  const now = hooks.now ?? Date.now;
  const fixed = polling.delayMs !== undefined || polling.maxAttempts !== undefined;
  const maxAttempts = fixed ? (polling.maxAttempts ?? AWS_DEFAULT_ATTEMPTS) : Number.POSITIVE_INFINITY;
  const start = now();
  let delay = fixed ? (polling.delayMs ?? AWS_DEFAULT_DELAY_MS) : FIRST_DELAY_MS;
  let nextProgress = start + PROGRESS_EVERY_MS;
  let last = 'unknown';
  for (let attempt = 1; ; attempt++) {
    const value = await spec.poll(hooks.signal);
    const seen = spec.observe(value);
    if ('failed' in seen) throw new Error(`${spec.what}: ${seen.failed}`);
    if (seen.done) return value;
    last = seen.state;
    const elapsed = now() - start;
    if (attempt >= maxAttempts) {
      throw new Error(
        `${spec.what}: ResourceNotReady: exceeded wait attempts (${attempt} polls in ${goDuration(roundSeconds(elapsed))}, last state ${last}); raise aws_polling.max_attempts or remove aws_polling`,
      );
    }
    if (!fixed && elapsed + delay > spec.ceilingMs) {
      throw new Error(
        `${spec.what}: still ${last} after ${goDuration(roundSeconds(elapsed))}; gave up at the ${goDuration(spec.ceilingMs)} ceiling (set aws_polling to wait longer)`,
      );
    }
    if (now() >= nextProgress) {
      hooks.progress?.(`Still waiting for ${spec.what}: ${last} after ${goDuration(roundSeconds(elapsed))}`);
      nextProgress += PROGRESS_EVERY_MS;
    }
    await (hooks.sleep ?? sleep)(delay, hooks.signal);
    if (!fixed) delay = Math.min(MAX_DELAY_MS, Math.round(delay * 1.5));
  }
}

function roundSeconds(ms: number): number {
  return Math.round(ms / 1000) * 1000;
}
