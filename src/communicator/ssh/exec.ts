/** Runs one command on an SSH connection: streamed output, exit status, abort, a dropped link. */
import type { Readable } from 'node:stream';
import type { Client, ClientChannel } from 'ssh2';
import type { ExecOptions, ExecResult } from '../../sdk/communicator.js';
import { GroupMarkerFilter, killGroupCommand, reportingGroup } from './remote-group.js';

/** How long a cancel waits for the remote kill to be delivered before dropping the channel. */
const KILL_DELIVERY_MS = 3000;

/** Opening the session failed before the command started (the link may be gone: reconnect, retry). */
export class SessionOpenError extends Error {
  override readonly name = 'SessionOpenError';
}

export function execOnClient(client: Client, command: string, opts: ExecOptions): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const signal = opts.signal;
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const execOpts = opts.pty ? { pty: { term: 'vt100', cols: 80, rows: 40 } } : {};
    // With a pty, closing the channel hangs up the whole session already.
    const trackGroup = signal !== undefined && !opts.pty;
    const started = (err: Error | undefined, stream: ClientChannel) => {
      if (err) {
        reject(new SessionOpenError(`could not start the command over SSH: ${err.message}`, { cause: err }));
        return;
      }
      run(client, stream, opts, trackGroup, resolve, reject);
    };
    try {
      client.exec(trackGroup ? reportingGroup(command) : command, execOpts, started);
    } catch (err) {
      // ssh2 throws "Not connected" synchronously when the socket is already gone.
      started(err as Error, undefined as unknown as ClientChannel);
    }
  });
}

function run(
  client: Client,
  stream: ClientChannel,
  opts: ExecOptions,
  trackGroup: boolean,
  resolve: (r: ExecResult) => void,
  reject: (e: unknown) => void,
): void {
  const signal = opts.signal;
  let exitCode: number | null = null;
  let exitSignal: string | undefined;
  let sawExit = false;
  let linkLost: string | undefined;
  let done = false;
  let group: number | undefined;
  const finish = (error?: unknown) => {
    if (done) return;
    done = true;
    // The killed command's channel may close before the kill channel does: still a cancellation.
    if (error === undefined && signal?.aborted) error = signal.reason;
    signal?.removeEventListener('abort', onAbort);
    client.off('close', onLinkClosed);
    client.off('error', onLinkError);
    if (error !== undefined) reject(error);
    else if (sawExit) resolve(exitSignal ? { exitCode, signal: exitSignal } : { exitCode });
    else
      resolve({ exitCode: null, disconnected: linkLost ?? 'the SSH channel closed without an exit status' });
  };
  const onAbort = () => {
    // Ask the remote side to stop the command, then drop the channel either way.
    try {
      stream.signal('KILL');
    } catch {
      // Servers may refuse signals; closing the channel still ends the session.
    }
    void killRemoteGroup(client, group).finally(() => {
      stream.close();
      finish(signal?.reason ?? new Error('aborted'));
    });
  };
  const onLinkError = (err: Error) => {
    linkLost = `the SSH connection was lost: ${err.message}`;
  };
  const onLinkClosed = () => {
    linkLost ??= 'the SSH connection was lost (the machine went away or rebooted)';
    finish();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  client.on('error', onLinkError);
  client.once('close', onLinkClosed);
  stream.on('data', (chunk: Buffer) => opts.onStdout?.(chunk));
  const stderr = trackGroup
    ? new GroupMarkerFilter(
        (pgid) => {
          group = pgid;
        },
        (chunk) => opts.onStderr?.(chunk),
      )
    : undefined;
  stream.stderr.on('data', (chunk: Buffer) => (stderr ? stderr.push(chunk) : opts.onStderr?.(chunk)));
  stream.stderr.on('end', () => stderr?.flush());
  stream.on('exit', (code: number | null, sig?: string) => {
    sawExit = true;
    if (typeof code === 'number') exitCode = code;
    else if (sig) exitSignal = String(sig);
  });
  stream.on('close', () => finish());
  stream.on('error', (err: Error) => {
    linkLost = `the SSH channel failed: ${err.message}`;
  });
  const stdin = opts.stdin;
  if (stdin === undefined) stream.end();
  else if (typeof stdin === 'string' || Buffer.isBuffer(stdin)) stream.end(stdin);
  else (stdin as Readable).pipe(stream);
}

/** Kills the remote command's process group over a second channel; gives up after a few seconds. */
function killRemoteGroup(client: Client, group: number | undefined): Promise<void> {
  if (group === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, KILL_DELIVERY_MS);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    try {
      client.exec(killGroupCommand(group), (err, channel) => {
        if (err) return done();
        channel.on('close', done).resume();
        channel.end();
        channel.stderr.resume();
      });
    } catch {
      done(); // the link is gone: nothing more can be sent
    }
  });
}
