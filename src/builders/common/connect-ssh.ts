/**
 * Connecting to the machine over SSH (Packer SDK communicator.StepConnect), shared by the builders:
 * `communicator = "none"` skips it; `pause_before_connecting` connects once, waits, connects for good.
 * A builder says where the machine is (host, port, a temporary key) and may end the wait early when
 * the machine is gone (a QEMU process that exited) and add what it knows to a timeout error (the
 * last console lines).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { parseGoDuration } from '../../hcl/functions/gotime.js';
import type { SshConfigOverrides } from '../../communicator/ssh/options.js';
import type { Communicator } from '../../sdk/communicator.js';
import type { Step, StepContext } from '../../sdk/step.js';

export interface ConnectSshTarget extends SshConfigOverrides {
  /** Pause between attempts (default Packer's 5 s; a local VM can afford 1 s). */
  readonly retryDelayMs?: number;
  /**
   * Wait for the server's banner with short probes before the first real attempt (a forwarded port
   * that accepts before the machine is up).
   */
  readonly probeBanner?: boolean;
  /** Rejects when waiting is pointless (the machine is gone); the wait stops with that error. */
  readonly gone?: Promise<never>;
  /** Adds to an error that ended the wait (e.g. the last lines of the serial console). */
  readonly explain?: (error: unknown) => string | undefined | Promise<string | undefined>;
}

export interface ConnectState {
  communicator?: Communicator;
}

export function stepConnectSsh<S extends ConnectState>(
  config: Readonly<Record<string, unknown>>,
  target: (state: S) => ConnectSshTarget = () => ({}),
): Step<S> {
  return {
    name: 'StepConnect',
    async run(state, ctx) {
      const type =
        typeof config.communicator === 'string' && config.communicator !== '' ? config.communicator : 'ssh';
      if (type === 'none') {
        ctx.log.debug('communicator disabled, will not connect');
        return;
      }
      if (type !== 'ssh') {
        throw new Error(`communicator "${type}" is not supported by imgbuild; use "ssh" or "none"`);
      }
      const where = target(state);
      state.communicator = await connectSsh(config, ctx, where);
      const pause = durationMs(config.pause_before_connecting);
      if (pause > 0) {
        // Packer connects once (the machine is up), waits, then connects for good.
        ctx.ui.say(`Pausing ${config.pause_before_connecting} before connecting...`);
        await state.communicator.close();
        state.communicator = undefined;
        await sleep(pause, undefined, { signal: ctx.signal });
        state.communicator = await connectSsh(config, ctx, where);
      }
    },
    async cleanup(state) {
      await state.communicator?.close();
      state.communicator = undefined;
    },
    describeCleanup: (state) => (state.communicator ? 'the SSH connection' : undefined),
  };
}

export async function connectSsh(
  config: Readonly<Record<string, unknown>>,
  ctx: StepContext,
  target: ConnectSshTarget = {},
): Promise<Communicator> {
  // ssh2 is loaded only here, by the first connection.
  const { SshCommunicator, sshOptionsFromConfig } = await import('../../communicator/ssh/index.js');
  const { retryDelayMs, gone, explain, probeBanner, ...overrides } = target;
  const resolved = sshOptionsFromConfig(config, overrides);
  const options = retryDelayMs === undefined ? resolved : { ...resolved, retryDelayMs };
  ctx.ui.say(`Using SSH communicator to connect: ${options.host}`);
  ctx.ui.say('Waiting for SSH to become available...');
  // The wait gets its own signal so a machine that went away can end it.
  const stop = new AbortController();
  const onAbort = () => stop.abort(ctx.signal.reason);
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  let goneError: unknown;
  gone?.catch((error: unknown) => {
    goneError = error;
    stop.abort(error);
  });
  try {
    if (probeBanner) {
      const { waitForSshBanner } = await import('./ssh-banner.js');
      const started = Date.now();
      const answered = await waitForSshBanner(options.host, options.port, {
        signal: stop.signal,
        timeoutMs: options.timeoutMs,
      });
      if (!answered) {
        throw new Error(
          `Timeout waiting for SSH after ${Math.round((Date.now() - started) / 1000)} s (ssh_timeout): ` +
            `no SSH server answered on ${options.host}:${options.port}`,
        );
      }
    }
    const communicator = await SshCommunicator.connect(options, {
      signal: stop.signal,
      // Say why SSH is not up yet, not only that it is not.
      onAttemptFailed: (failure) =>
        ctx.ui.message(`SSH not available yet (attempt ${failure.attempt}): ${failure.message}`),
    });
    ctx.ui.say('Connected to SSH!');
    return communicator;
  } catch (error) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    const cause = goneError ?? error;
    const extra = await explain?.(cause);
    if (extra === undefined) throw cause;
    const message = cause instanceof Error ? cause.message : String(cause);
    throw new Error(`${message}\n${extra}`, { cause });
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
  }
}

function durationMs(value: unknown): number {
  if (typeof value !== 'string' || value === '') return 0;
  return Number(parseGoDuration(value) / 1_000_000n);
}
