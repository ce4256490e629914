/**
 * Uploads replace the destination only when complete: the bytes go to a temporary name beside it and
 * are renamed over it at the end (OpenSSH's posix-rename), so a full disk, a dropped link or Ctrl-C
 * never leaves a truncated file where the old one was. Where no new file can be created beside the
 * destination (a writable file in a read-only directory), the upload writes in place, as Packer does.
 *
 * SFTP reports most write errors as the bare status "Failure"; statvfs on the directory then says
 * whether the filesystem is read-only or full, which Packer never tells.
 */
import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import type { SFTPWrapper } from 'ssh2';

const ST_RDONLY = 1;

/** ssh2's reply to statvfs@openssh.com (numbers, or BigInts with bigint parsing). */
interface StatVfs {
  readonly f_flag: number | bigint;
  readonly f_bavail: number | bigint;
  readonly f_frsize: number | bigint;
}

/** A hidden name beside `remotePath` for its bytes in transit. */
export function temporaryNameFor(remotePath: string): string {
  const name = `.${posix.basename(remotePath)}.imgbuild-${randomBytes(4).toString('hex')}`;
  return posix.join(posix.dirname(remotePath), name);
}

export async function replaceAtomically(
  sftp: SFTPWrapper,
  remotePath: string,
  size: number,
  write: (path: string) => Promise<void>,
  temp = temporaryNameFor(remotePath),
): Promise<void> {
  const dir = posix.dirname(remotePath);
  if (!(await canCreate(sftp, temp))) {
    await explainFailure(sftp, dir, size, () => write(remotePath));
    return;
  }
  try {
    await explainFailure(sftp, dir, size, () => write(temp));
    await rename(sftp, temp, remotePath);
  } catch (err) {
    await unlink(sftp, temp);
    throw err;
  }
}

function canCreate(sftp: SFTPWrapper, path: string): Promise<boolean> {
  return new Promise((resolve) =>
    sftp.open(path, 'wx', (err, handle) => {
      if (err) return resolve(false);
      sftp.close(handle, () => resolve(true));
    }),
  );
}

function rename(sftp: SFTPWrapper, from: string, to: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err: Error | null | undefined) =>
      err ? reject(new Error(`rename ${from} -> ${to}: ${err.message}`, { cause: err })) : resolve();
    // posix-rename replaces an existing file; plain SFTP rename refuses to.
    const extended = (sftp as { _extensions?: Record<string, string> })._extensions;
    if (extended?.['posix-rename@openssh.com']) sftp.ext_openssh_rename(from, to, done);
    else sftp.rename(from, to, done);
  });
}

export function unlink(sftp: SFTPWrapper, path: string): Promise<void> {
  return new Promise((resolve) => sftp.unlink(path, () => resolve()));
}

/** Runs the write; when SFTP answers only "Failure", adds what statvfs says about the filesystem. */
async function explainFailure(
  sftp: SFTPWrapper,
  dir: string,
  size: number,
  write: () => Promise<void>,
): Promise<void> {
  try {
    await write();
  } catch (err) {
    if (!(err instanceof Error) || !/: Failure$/.test(err.message)) throw err;
    const reason = await filesystemReason(sftp, dir, size);
    if (reason === undefined) throw err;
    throw new Error(`${err.message} (${reason})`, { cause: err });
  }
}

function filesystemReason(sftp: SFTPWrapper, dir: string, size: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const extended = (sftp as { _extensions?: Record<string, string> })._extensions;
    if (!extended?.['statvfs@openssh.com']) return resolve(undefined);
    sftp.ext_openssh_statvfs(dir, (err, fs: StatVfs | undefined) => {
      if (err || !fs) return resolve(undefined);
      if ((Number(fs.f_flag) & ST_RDONLY) !== 0) return resolve(`${dir} is on a read-only file system`);
      const free = Number(fs.f_bavail) * Number(fs.f_frsize);
      // Measured after the failed write filled the disk: the free space says nothing useful.
      if (free < size) return resolve(`no space left on the file system of ${dir}: ${size} bytes needed`);
      resolve(undefined);
    });
  });
}
