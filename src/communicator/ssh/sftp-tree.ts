/**
 * Directory transfers with Packer's trailing-slash rule: `src/` copies the contents of src into the
 * destination, `src` copies the directory itself (dst/src). Files keep their permission bits.
 */
import { chmod, mkdir, readdir, realpath, stat } from 'node:fs/promises';
import { basename, join, posix } from 'node:path';
import type { SFTPWrapper } from 'ssh2';
import type { TransferOptions } from '../../sdk/communicator.js';
import { getFile, putFile, remoteChmod } from './sftp-file.js';

const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
/** Small files are latency-bound: several at once. */
const FILES_AT_ONCE = 4;

interface Entry {
  readonly rel: string;
  readonly dir: boolean;
  readonly mode: number;
  readonly size: number;
}

export async function uploadTree(
  sftp: SFTPWrapper,
  remoteDir: string,
  localDir: string,
  opts: TransferOptions,
): Promise<void> {
  const root = localDir.endsWith('/') ? remoteDir : posix.join(remoteDir, basename(localDir));
  const entries = await walkLocal(localDir.replace(/\/+$/, '') || '/');
  await remoteMkdirP(sftp, root);
  for (const e of entries) if (e.dir) await remoteMkdirP(sftp, posix.join(root, e.rel));
  await copyFiles(entries, opts, (e, onProgress) =>
    putFile(sftp, join(localDir, e.rel), posix.join(root, e.rel), { mode: opts.mode ?? e.mode, onProgress }),
  );
  // Directory modes last, so a read-only directory does not block its own contents.
  for (const e of entries.reverse()) if (e.dir) await remoteChmod(sftp, posix.join(root, e.rel), e.mode);
}

export async function downloadTree(
  sftp: SFTPWrapper,
  remoteDir: string,
  localDir: string,
  opts: TransferOptions,
): Promise<void> {
  const root = remoteDir.endsWith('/')
    ? localDir
    : join(localDir, posix.basename(remoteDir.replace(/\/+$/, '')));
  const entries = await walkRemote(sftp, remoteDir.replace(/\/+$/, '') || '/');
  await mkdir(root, { recursive: true });
  for (const e of entries) if (e.dir) await mkdir(join(root, e.rel), { recursive: true });
  await copyFiles(entries, opts, (e, onProgress) =>
    getFile(sftp, posix.join(remoteDir, e.rel), join(root, e.rel), { remoteMode: e.mode, onProgress }),
  );
  for (const e of entries.reverse()) if (e.dir) await chmod(join(root, e.rel), e.mode & 0o7777);
}

/** Copies the files of a tree a few at a time, reporting progress over the whole tree. */
async function copyFiles(
  entries: readonly Entry[],
  opts: TransferOptions,
  copy: (e: Entry, onProgress: (done: number) => void) => Promise<void>,
): Promise<void> {
  const files = entries.filter((e) => !e.dir);
  const total = files.reduce((sum, e) => sum + e.size, 0);
  const doneByFile = new Map<string, number>();
  let done = 0;
  const report = (e: Entry, bytes: number) => {
    done += bytes - (doneByFile.get(e.rel) ?? 0);
    doneByFile.set(e.rel, bytes);
    opts.onProgress?.(done, total);
  };
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      opts.signal?.throwIfAborted();
      const e = files[next++] as Entry;
      await copy(e, (bytes) => report(e, bytes));
      report(e, e.size);
    }
  };
  await Promise.all(Array.from({ length: Math.min(FILES_AT_ONCE, files.length) }, worker));
}

/** Files and directories below `dir` (relative paths, parents first); symlinks are followed. */
async function walkLocal(dir: string): Promise<Entry[]> {
  const out: Entry[] = [];
  const seen = new Set<string>([await realpath(dir)]);
  const visit = async (rel: string) => {
    const names = (await readdir(join(dir, rel))).sort();
    for (const name of names) {
      const path = join(dir, rel, name);
      const childRel = rel === '' ? name : `${rel}/${name}`;
      const info = await stat(path);
      if (info.isDirectory()) {
        const real = await realpath(path);
        if (seen.has(real)) continue; // a symlink loop
        seen.add(real);
        out.push({ rel: childRel, dir: true, mode: info.mode & 0o7777, size: 0 });
        await visit(childRel);
      } else if (info.isFile()) {
        out.push({ rel: childRel, dir: false, mode: info.mode & 0o7777, size: info.size });
      }
    }
  };
  await visit('');
  return out;
}

async function walkRemote(sftp: SFTPWrapper, dir: string): Promise<Entry[]> {
  const out: Entry[] = [];
  const visit = async (rel: string) => {
    const path = rel === '' ? dir : posix.join(dir, rel);
    const list = await new Promise<{ filename: string; attrs: { mode: number; size: number } }[]>(
      (resolve, reject) =>
        sftp.readdir(path, (err, l) =>
          err ? reject(new Error(`cannot list ${path}: ${err.message}`)) : resolve(l),
        ),
    );
    for (const item of list.sort((a, b) => a.filename.localeCompare(b.filename))) {
      const childRel = rel === '' ? item.filename : `${rel}/${item.filename}`;
      let attrs = item.attrs;
      const kind = attrs.mode & S_IFMT;
      if (kind !== S_IFDIR && kind !== S_IFREG) {
        // A symlink (or something else): use what it points to; skip what cannot be copied.
        attrs = await new Promise((resolve) =>
          sftp.stat(posix.join(dir, childRel), (err, s) => resolve(err ? { mode: 0, size: 0 } : s)),
        );
      }
      // Directories are entered only when real, so a symlink loop cannot recurse forever.
      if ((attrs.mode & S_IFMT) === S_IFDIR && kind === S_IFDIR) {
        out.push({ rel: childRel, dir: true, mode: attrs.mode & 0o7777, size: 0 });
        await visit(childRel);
      } else if ((attrs.mode & S_IFMT) === S_IFREG) {
        out.push({ rel: childRel, dir: false, mode: attrs.mode & 0o7777, size: attrs.size });
      }
    }
  };
  await visit('');
  return out;
}

/** Creates a remote directory and its missing parents. */
export async function remoteMkdirP(sftp: SFTPWrapper, dir: string): Promise<void> {
  const exists = await remoteStat(sftp, dir);
  if (exists) {
    if ((exists.mode & S_IFMT) !== S_IFDIR)
      throw new Error(`${dir} exists on the remote side and is not a directory`);
    return;
  }
  const parent = posix.dirname(dir);
  if (parent !== dir) await remoteMkdirP(sftp, parent);
  await new Promise<void>((resolve, reject) =>
    sftp.mkdir(dir, (err) => (err ? reject(new Error(`cannot create ${dir}: ${err.message}`)) : resolve())),
  );
}

export function remoteStat(
  sftp: SFTPWrapper,
  path: string,
): Promise<{ mode: number; size: number } | undefined> {
  return new Promise((resolve) => sftp.stat(path, (err, s) => resolve(err ? undefined : s)));
}

export function isRemoteDir(mode: number): boolean {
  return (mode & S_IFMT) === S_IFDIR;
}
