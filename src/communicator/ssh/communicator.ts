/**
 * The SSH communicator (Packer's communicator/ssh): exec and SFTP transfers over one pinned
 * connection, reconnecting once when the link dropped (an expected reboot, a restarted sshd).
 */
import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Client, SFTPWrapper } from 'ssh2';
import type { Communicator, ExecOptions, ExecResult, TransferOptions } from '../../sdk/communicator.js';
import type { Connection } from './connect.js';
import { execOnClient, SessionOpenError } from './exec.js';
import { HostKeyPin } from './host-key.js';
import { type SshOptions, type SshOptionsInput, resolveSshOptions } from './options.js';
import { getFile, putFile, putStream, withSftp } from './sftp-file.js';
import { temporaryNameFor, unlink } from './sftp-replace.js';
import { downloadTree, isRemoteDir, remoteStat, uploadTree } from './sftp-tree.js';
import { type WaitOptions, waitForConnection } from './wait.js';

export class SshCommunicator implements Communicator {
  private connection: Connection | undefined;
  private linkDown = false;
  private closed = false;

  private constructor(
    readonly options: SshOptions,
    /** The host key every reconnect must present. */
    readonly hostKey: HostKeyPin,
  ) {}

  /** Waits for SSH (ssh_timeout, ssh_handshake_attempts) and returns the connected communicator. */
  static async connect(options: SshOptionsInput, wait: WaitOptions = {}): Promise<SshCommunicator> {
    const resolved = resolveSshOptions(options);
    const comm = new SshCommunicator(resolved, new HostKeyPin(resolved.hostKey));
    comm.adopt(await waitForConnection(resolved, comm.hostKey, wait));
    return comm;
  }

  /** True while the connection is up (false after the machine went away, until the next call reconnects). */
  get connected(): boolean {
    return this.connection !== undefined && !this.linkDown;
  }

  async exec(command: string, opts: ExecOptions = {}): Promise<ExecResult> {
    return this.withLink(opts.signal, (client) =>
      execOnClient(client, command, { ...opts, pty: opts.pty ?? this.options.pty }),
    );
  }

  async upload(
    remotePath: string,
    source: string | { stream: NodeJS.ReadableStream; size: number },
    opts: TransferOptions = {},
  ): Promise<void> {
    // Named here so that a cancelled upload, whose SFTP channel is already closed, can still remove it.
    const temp = temporaryNameFor(remotePath);
    try {
      await this.sftp(opts.signal, (sftp) =>
        typeof source === 'string'
          ? putFile(sftp, source, remotePath, { ...opts, temp })
          : putStream(sftp, source.stream, source.size, remotePath, { ...opts, temp }),
      );
    } catch (err) {
      await this.removeQuietly(temp);
      throw err;
    }
  }

  /** Best effort, on a fresh SFTP channel, bounded in time: used after a failed or cancelled upload. */
  private async removeQuietly(remotePath: string): Promise<void> {
    if (!this.connected) return;
    const removal = this.sftp(undefined, (sftp) => unlink(sftp, remotePath)).catch(() => {});
    await Promise.race([removal, new Promise((r) => setTimeout(r, 5_000).unref())]);
  }

  async uploadDir(remoteDir: string, localDir: string, opts: TransferOptions = {}): Promise<void> {
    await this.sftp(opts.signal, (sftp) => uploadTree(sftp, remoteDir, localDir, opts));
  }

  async download(remotePath: string, localPath: string, opts: TransferOptions = {}): Promise<void> {
    await this.sftp(opts.signal, async (sftp) => {
      const attrs = await remoteStat(sftp, remotePath);
      if (!attrs) throw new Error(`download ${remotePath}: no such file or directory on the remote side`);
      if (isRemoteDir(attrs.mode)) return downloadTree(sftp, remotePath, localPath, opts);
      // Packer's file provisioner: a destination ending in / (or an existing directory) receives the file.
      const target =
        localPath.endsWith('/') || (await stat(localPath).catch(() => undefined))?.isDirectory()
          ? join(localPath, basename(remotePath))
          : localPath;
      return getFile(sftp, remotePath, target, { ...opts, remoteMode: attrs.mode });
    });
  }

  /**
   * Connects again with the pinned host key, after an expected disconnect. One attempt by default;
   * `timeoutMs` keeps trying (as while waiting for SSH) until the machine is back.
   */
  async reconnect(opts: WaitOptions & { timeoutMs?: number } = {}): Promise<Client> {
    if (this.closed) throw new Error('the SSH communicator is closed');
    this.connection?.end();
    this.connection = undefined;
    const timeoutMs = opts.timeoutMs ?? 0;
    const connection = await waitForConnection({ ...this.options, timeoutMs }, this.hostKey, opts);
    this.adopt(connection);
    return connection.client;
  }

  async close(): Promise<void> {
    this.closed = true;
    const connection = this.connection;
    this.connection = undefined;
    if (!connection || this.linkDown) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 2_000);
      connection.client.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      connection.end();
    });
  }

  private adopt(connection: Connection): void {
    this.connection = connection;
    this.linkDown = false;
    connection.client.once('close', () => {
      if (this.connection === connection) this.linkDown = true;
    });
  }

  /**
   * Runs `fn` on the live link; when a session cannot even open (the link died unnoticed), reconnects
   * once with the pinned host key and tries again, as Packer's communicator does.
   */
  private async withLink<T>(signal: AbortSignal | undefined, fn: (client: Client) => Promise<T>): Promise<T> {
    try {
      return await fn(await this.client(signal));
    } catch (err) {
      if (!(err instanceof SessionOpenError) || this.closed) throw err;
      return fn(await this.reconnect({ signal }));
    }
  }

  private sftp<T>(signal: AbortSignal | undefined, fn: (sftp: SFTPWrapper) => Promise<T>): Promise<T> {
    return this.withLink(signal, (client) => withSftp(client, signal, fn));
  }

  private async client(signal?: AbortSignal): Promise<Client> {
    if (this.closed) throw new Error('the SSH communicator is closed');
    if (this.connection && !this.linkDown) return this.connection.client;
    return this.reconnect({ signal });
  }
}
