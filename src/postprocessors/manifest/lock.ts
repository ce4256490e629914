/**
 * The manifest is read, extended and rewritten by every build that has the post-processor, so writers
 * take turns: in this process through a queue per file (parallel builds), across processes through
 * Packer's `<output>.lock` file (O_EXCL, three tries 200 ms apart). Like Packer, a lock still there
 * after the tries (left by a crashed run) does not stop the build, and is removed afterwards.
 */
import { open, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const queues = new Map<string, Promise<unknown>>();

export async function withManifestLock<T>(
  output: string,
  log: (message: string) => void,
  body: () => Promise<T>,
): Promise<T> {
  const key = resolve(output);
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => withLockFile(`${output}.lock`, log, body));
  queues.set(key, run);
  try {
    return await run;
  } finally {
    if (queues.get(key) === run) queues.delete(key);
  }
}

async function withLockFile<T>(
  lockPath: string,
  log: (m: string) => void,
  body: () => Promise<T>,
): Promise<T> {
  let created = false;
  for (let i = 0; i < 3 && !created; i++) {
    if (i > 0) await sleep(i * 200);
    try {
      await (await open(lockPath, 'wx', 0o600)).close();
      created = true;
    } catch (err) {
      log(`Error locking manifest file for reading and writing. Will sleep and retry. ${String(err)}`);
    }
  }
  try {
    return await body();
  } finally {
    await rm(lockPath, { force: true });
  }
}
