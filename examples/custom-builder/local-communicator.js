// @ts-check
/**
 * A Communicator (imgbuild's link to the machine being provisioned) for a directory on this machine:
 * commands run through `sh -c` with the image directory as their working directory; relative remote
 * paths are inside the image directory, absolute ones are used as they are (this is not a chroot).
 */
import { spawn } from 'node:child_process';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** @typedef {import('imgbuild').Communicator} Communicator */

/**
 * @param {string} root the image directory
 * @returns {Communicator}
 */
export function localCommunicator(root) {
  let closed = false;
  const where = (/** @type {string} */ p) => path.resolve(root, p);
  const open = () => {
    if (closed) throw new Error('the local communicator is closed');
  };
  /** Copies with the provisioners' trailing-slash rule: `dir/` copies the contents, `dir` the directory. */
  const copyDir = async (/** @type {string} */ from, /** @type {string} */ to) => {
    const target = from.endsWith('/') ? to : path.join(to, path.basename(from));
    await cp(from, target, { recursive: true });
  };
  return {
    exec(command, opts = {}) {
      open();
      return new Promise((resolve, reject) => {
        const child = spawn('sh', ['-c', command], { cwd: root, signal: opts.signal });
        child.stdout.on('data', (b) => opts.onStdout?.(b));
        child.stderr.on('data', (b) => opts.onStderr?.(b));
        if (opts.stdin !== undefined && typeof opts.stdin !== 'string' && !Buffer.isBuffer(opts.stdin)) {
          opts.stdin.pipe(child.stdin);
        } else child.stdin.end(opts.stdin);
        child.on('error', reject);
        child.on('close', (code, signal) =>
          resolve(signal ? { exitCode: null, signal } : { exitCode: code ?? null }),
        );
      });
    },
    async upload(remotePath, source, opts = {}) {
      open();
      const dest = where(remotePath);
      await mkdir(path.dirname(dest), { recursive: true });
      if (typeof source === 'string') await cp(source, dest);
      else await writeFile(dest, source.stream, { signal: opts.signal, mode: opts.mode });
    },
    async uploadDir(remoteDir, localDir) {
      open();
      await copyDir(localDir, where(remoteDir));
    },
    async download(remotePath, localPath) {
      open();
      const from = where(remotePath);
      if (remotePath.endsWith('/')) await copyDir(`${from}/`, localPath);
      else await cp(from, localPath, { recursive: true });
    },
    async close() {
      closed = true;
    },
  };
}
