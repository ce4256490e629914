/**
 * Single-file SFTP transfers. Files go through ssh2's fastPut/fastGet (64 requests of 32 KiB in
 * flight, which is what makes SFTP fast over latency); streams use the same pipelining by hand.
 */
import { chmod, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Client, SFTPWrapper } from 'ssh2';
import type { TransferProgress } from '../../sdk/communicator.js';
import { SessionOpenError } from './exec.js';
import { replaceAtomically } from './sftp-replace.js';

const CHUNK = 32_768;
const IN_FLIGHT = 64;

/**
 * Opens an SFTP channel for one transfer and closes it afterwards; an abort closes the channel,
 * which fails every pending request, so the transfer stops at once.
 */
export async function withSftp<T>(
  client: Client,
  signal: AbortSignal | undefined,
  fn: (sftp: SFTPWrapper) => Promise<T>,
): Promise<T> {
  signal?.throwIfAborted();
  const sftp = await new Promise<SFTPWrapper>((resolve, reject) => {
    const opened = (err: Error | undefined, s: SFTPWrapper) =>
      err
        ? reject(new SessionOpenError(`could not open an SFTP session: ${err.message}`, { cause: err }))
        : resolve(s);
    try {
      client.sftp(opened);
    } catch (err) {
      // ssh2 throws "Not connected" synchronously when the socket is already gone.
      opened(err as Error, undefined as unknown as SFTPWrapper);
    }
  });
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      sftp.end();
      reject(signal?.reason ?? new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => {});
  try {
    return await Promise.race([fn(sftp), aborted]);
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    sftp.end();
  }
}

export async function putFile(
  sftp: SFTPWrapper,
  localPath: string,
  remotePath: string,
  opts: { mode?: number; onProgress?: TransferProgress; temp?: string },
): Promise<void> {
  const info = await stat(localPath);
  await replaceAtomically(
    sftp,
    remotePath,
    info.size,
    (target) =>
      new Promise<void>((resolve, reject) =>
        sftp.fastPut(
          localPath,
          target,
          {
            concurrency: IN_FLIGHT,
            chunkSize: CHUNK,
            step: (done, _chunk, total) => opts.onProgress?.(done, total),
          },
          (err) => (err ? reject(transferError('upload', localPath, remotePath, err)) : resolve()),
        ),
      ),
    opts.temp,
  );
  if (info.size === 0) opts.onProgress?.(0, 0);
  await remoteChmod(sftp, remotePath, opts.mode ?? info.mode & 0o7777);
}

export async function putStream(
  sftp: SFTPWrapper,
  stream: NodeJS.ReadableStream,
  size: number,
  remotePath: string,
  opts: { mode?: number; onProgress?: TransferProgress; temp?: string },
): Promise<void> {
  await replaceAtomically(
    sftp,
    remotePath,
    size,
    (target) => writeStream(sftp, stream, size, target, remotePath, opts),
    opts.temp,
  );
  await remoteChmod(sftp, remotePath, opts.mode ?? 0o644);
}

async function writeStream(
  sftp: SFTPWrapper,
  stream: NodeJS.ReadableStream,
  size: number,
  target: string,
  remotePath: string,
  opts: { onProgress?: TransferProgress },
): Promise<void> {
  const handle = await new Promise<Buffer>((resolve, reject) =>
    sftp.open(target, 'w', (err, h) =>
      err ? reject(transferError('upload', 'stream', remotePath, err)) : resolve(h),
    ),
  );
  try {
    let offset = 0;
    let written = 0;
    const inFlight = new Set<Promise<void>>();
    for await (const data of stream as Readable) {
      const chunk = typeof data === 'string' ? Buffer.from(data) : (data as Buffer);
      for (let i = 0; i < chunk.length; i += CHUNK) {
        const piece = chunk.subarray(i, i + CHUNK);
        const at = offset;
        offset += piece.length;
        const write = new Promise<void>((resolve, reject) =>
          sftp.write(handle, piece, 0, piece.length, at, (err) => (err ? reject(err) : resolve())),
        ).then(() => {
          written += piece.length;
          opts.onProgress?.(written, size);
        });
        inFlight.add(write);
        write.then(
          () => inFlight.delete(write),
          () => inFlight.delete(write),
        );
        if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
      }
    }
    await Promise.all(inFlight);
    if (offset !== size) throw new Error(`the stream gave ${offset} bytes, ${size} were announced`);
    if (size === 0) opts.onProgress?.(0, 0);
  } catch (err) {
    throw transferError('upload', 'stream', remotePath, err);
  } finally {
    await new Promise<void>((resolve) => sftp.close(handle, () => resolve()));
  }
}

/** Downloads one file and gives it the remote file's permission bits. */
export async function getFile(
  sftp: SFTPWrapper,
  remotePath: string,
  localPath: string,
  opts: { mode?: number; onProgress?: TransferProgress; remoteMode?: number },
): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    sftp.fastGet(
      remotePath,
      localPath,
      {
        concurrency: IN_FLIGHT,
        chunkSize: CHUNK,
        step: (done, _chunk, total) => opts.onProgress?.(done, total),
      },
      (err) => (err ? reject(transferError('download', remotePath, localPath, err)) : resolve()),
    ),
  );
  const mode = opts.mode ?? opts.remoteMode;
  if (mode !== undefined) await chmod(localPath, mode & 0o7777);
}

export function remoteChmod(sftp: SFTPWrapper, path: string, mode: number): Promise<void> {
  return new Promise((resolve, reject) =>
    sftp.chmod(path, mode & 0o7777, (err) =>
      err ? reject(new Error(`chmod ${path}: ${err.message}`, { cause: err })) : resolve(),
    ),
  );
}

function transferError(what: string, from: string, to: string, err: unknown): Error {
  const message = err instanceof Error ? err.message : String(err);
  if (message.startsWith(`${what} `)) return err as Error;
  return new Error(`${what} ${from} -> ${to} failed: ${message}`, { cause: err });
}
