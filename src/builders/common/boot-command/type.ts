/**
 * Types parsed boot command expressions into anything that takes key events (the RFB client), with
 * Packer's pacing: a pause after every key event (boot_key_interval, else PACKER_KEY_INTERVAL, else
 * 100 ms) and `<waitX>` pauses. boot_keygroup_interval, which Packer's VNC driver ignores, is honoured
 * here as a pause at each group's end (before a wait and after the last key).
 */
import { setTimeout as delay } from 'node:timers/promises';
import { parseGoDuration } from '../../../hcl/functions/gotime.js';
import { keyEvents } from './keys.js';
import type { BootExpression } from './parse.js';

export interface KeyEventSink {
  keyEvent(keysym: number, down: boolean): Promise<void>;
}

export interface TypingOptions {
  /** Pause after each key event, in ms. */
  readonly keyIntervalMs: number;
  /** Pause after each group of keys, in ms (default 0). */
  readonly groupIntervalMs?: number;
  readonly signal?: AbortSignal;
}

export const DEFAULT_KEY_INTERVAL_MS = 100;

/** boot_key_interval when positive, else $PACKER_KEY_INTERVAL (a Go duration), else 100 ms. */
export function keyIntervalMs(configured: number | undefined, env: NodeJS.ProcessEnv = process.env): number {
  if (configured !== undefined && configured > 0) return configured;
  const fromEnv =
    env.PACKER_KEY_INTERVAL === undefined ? undefined : parseGoDurationMs(env.PACKER_KEY_INTERVAL);
  return fromEnv ?? DEFAULT_KEY_INTERVAL_MS;
}

/** Go's time.ParseDuration, in ms; undefined when the text is not a duration. */
export function parseGoDurationMs(text: string): number | undefined {
  try {
    return Number(parseGoDuration(text)) / 1e6;
  } catch {
    return undefined;
  }
}

export async function typeExpressions(
  expressions: readonly BootExpression[],
  sink: KeyEventSink,
  options: TypingOptions,
): Promise<void> {
  const { signal } = options;
  let pending = false;
  const endGroup = async () => {
    if (pending && (options.groupIntervalMs ?? 0) > 0) await sleep(options.groupIntervalMs!, signal);
    pending = false;
  };
  for (const expr of expressions) {
    signal?.throwIfAborted();
    if (expr.kind === 'wait') {
      await endGroup();
      await sleep(expr.ms, signal);
      continue;
    }
    for (const event of keyEvents(expr)) {
      await sink.keyEvent(event.keysym, event.down);
      pending = true;
      await sleep(options.keyIntervalMs, signal);
    }
  }
  await endGroup();
}

/** A pause that ends early with the signal's own reason (never a wrapped AbortError). */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return signal?.throwIfAborted();
  try {
    await delay(ms, undefined, { signal });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw error;
  }
}
