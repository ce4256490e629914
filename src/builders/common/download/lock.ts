/**
 * One downloader per cache file across processes (Packer's filelock on `<target>.lock`): a directory
 * made atomically, holding the owner's pid; a lock whose owner is gone is taken over. Parallel builds
 * of one template then fetch a shared ISO once, the others reusing the cached copy.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function withFileLock<T>(
  lockDir: string,
  fn: () => Promise<T>,
  options: { signal?: AbortSignal; onWait?: () => void; pollMs?: number } = {},
): Promise<T> {
  let told = false;
  for (;;) {
    try {
      await mkdir(lockDir);
      await writeFile(join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(await readFile(join(lockDir, 'pid'), 'utf8').catch(() => ''));
      // No pid yet: the owner is between mkdir and writeFile; wait for it like for a live owner.
      if (pid > 0 && !alive(pid)) {
        await rm(lockDir, { recursive: true, force: true });
        continue;
      }
      if (!told) options.onWait?.();
      told = true;
      await delay(options.pollMs ?? 500, undefined, { signal: options.signal }).catch((error) => {
        throw options.signal?.aborted ? options.signal.reason : error;
      });
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}
