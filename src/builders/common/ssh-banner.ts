/**
 * Waiting for an SSH server's banner with short, cheap probes. Through QEMU's user-mode port forward a
 * TCP connect succeeds before the guest is up, and a connection made then can hang until the client's
 * handshake timeout (30 s) even after sshd starts; a probe that waits ~1.5 s for `SSH-` and reconnects
 * sees the server within half a second of it answering.
 */
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface BannerProbeOptions {
  readonly signal?: AbortSignal;
  /** Give up after this long (the caller's ssh_timeout). */
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  readonly probeTimeoutMs?: number;
}

/** Resolves true once a banner was read, false when timeoutMs passed without one. */
export async function waitForSshBanner(
  host: string,
  port: number,
  options: BannerProbeOptions,
): Promise<boolean> {
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    options.signal?.throwIfAborted();
    if (await probe(host, port, options.probeTimeoutMs ?? 1500)) return true;
    await sleep(options.intervalMs ?? 500, undefined, { signal: options.signal });
  }
  return false;
}

function probe(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    let seen = '';
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.setEncoding('latin1');
    socket.on('data', (text: string) => {
      seen += text;
      if (seen.includes('SSH-')) done(true);
    });
    socket.once('error', () => done(false));
    socket.once('close', () => done(false));
  });
}
