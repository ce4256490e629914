/**
 * Every file a post-processor produces is written under a temporary name in its final directory and
 * renamed into place when complete, so a reader never sees a half-written artifact where a finished one
 * is expected; an abort (error, cancel) removes the temporary and leaves any previous file untouched.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface AtomicOutput {
  /** Where to write the content. */
  readonly tempPath: string;
  /** Renames the temporary into place. */
  commit(): Promise<void>;
  /** Removes the temporary (safe to call after commit, and more than once). */
  abort(): Promise<void>;
}

/** Reserves a temporary sibling of `finalPath`, creating its directory as Packer does (0755). */
export async function atomicOutput(finalPath: string): Promise<AtomicOutput> {
  const dir = dirname(finalPath);
  await mkdir(dir, { recursive: true, mode: 0o755 });
  // A dot-name with the final name in it: hidden from globs, and recognisable if a crash leaves it.
  const tempPath = join(dir, `.${basename(finalPath)}.${randomBytes(6).toString('hex')}.tmp`);
  let committed = false;
  return {
    tempPath,
    async commit() {
      await rename(tempPath, finalPath);
      committed = true;
    },
    async abort() {
      if (!committed) await rm(tempPath, { force: true });
    },
  };
}

/** Runs `write` on a temporary and renames it into place; removes the temporary when `write` fails. */
export async function withAtomicOutput<T>(
  finalPath: string,
  write: (tempPath: string) => Promise<T>,
): Promise<T> {
  const out = await atomicOutput(finalPath);
  try {
    const result = await write(out.tempPath);
    await out.commit();
    return result;
  } finally {
    await out.abort();
  }
}

/** Writes a whole file atomically with the given mode. */
export function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o644): Promise<void> {
  return withAtomicOutput(path, (temp) => writeFile(temp, data, { mode }));
}
