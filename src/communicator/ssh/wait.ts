/**
 * Waiting for SSH (Packer's StepConnectSSH): keep trying until ssh_timeout, saying why each attempt
 * failed; authentication failures count against ssh_handshake_attempts; a changed host key stops at once.
 */
import { SshConnectError, type SshFailureReason } from './errors.js';
import { connectOnce, type Connection } from './connect.js';
import type { HostKeyPin } from './host-key.js';
import type { SshOptions } from './options.js';

export interface SshAttemptFailure {
  readonly attempt: number;
  readonly reason: SshFailureReason;
  /** The full explanation, e.g. `root@10.0.2.15:22: connection refused (connect ECONNREFUSED …)`. */
  readonly message: string;
  readonly elapsedMs: number;
}

export interface WaitOptions {
  readonly signal?: AbortSignal;
  /** Called after each failed attempt, before the pause. */
  readonly onAttemptFailed?: (failure: SshAttemptFailure) => void;
}

export async function waitForConnection(
  opts: SshOptions,
  pin: HostKeyPin,
  wait: WaitOptions = {},
): Promise<Connection> {
  const started = Date.now();
  const deadline = started + Math.max(opts.timeoutMs, 0);
  let authFailures = 0;
  for (let attempt = 1; ; attempt++) {
    wait.signal?.throwIfAborted();
    const remaining = Math.max(deadline - Date.now(), 1_000);
    const attemptOpts = { ...opts, attemptTimeoutMs: Math.min(opts.attemptTimeoutMs, remaining) };
    let failure: SshConnectError;
    try {
      return await connectOnce(attemptOpts, pin, wait.signal);
    } catch (err) {
      if (wait.signal?.aborted) throw wait.signal.reason;
      if (!(err instanceof SshConnectError)) throw err;
      failure = err;
    }
    wait.onAttemptFailed?.({
      attempt,
      reason: failure.reason,
      message: failure.message,
      elapsedMs: Date.now() - started,
    });
    if (failure.reason === 'host key changed') throw failure;
    if (failure.reason === 'auth failed' && ++authFailures >= opts.handshakeAttempts) {
      throw new SshConnectError(
        'auth failed',
        `SSH authentication failed ${authFailures} time(s) (ssh_handshake_attempts = ${opts.handshakeAttempts}); ` +
          `check ssh_username and the password or key: ${failure.message}`,
        { cause: failure },
      );
    }
    if (Date.now() + opts.retryDelayMs >= deadline) {
      throw new SshConnectError(
        failure.reason,
        `Timeout waiting for SSH after ${Math.round((Date.now() - started) / 1000)} s (ssh_timeout); ` +
          `last attempt: ${failure.message}`,
        { cause: failure },
      );
    }
    await sleep(opts.retryDelayMs, wait.signal);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
