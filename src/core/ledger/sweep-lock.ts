/**
 * One `imgbuild cleanup` at a time per run: a lock file next to the journal, made exclusively, holding
 * the cleaner's pid and start time. A lock whose holder is gone (killed in turn) is taken over.
 */
import { constants, open, readFile, unlink } from 'node:fs/promises';
import { isRunning, processIdentity } from './process-identity.js';

export async function lockRun(journal: string): Promise<() => Promise<void>> {
  const file = `${journal}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
      await handle.writeFile(JSON.stringify(await processIdentity(process.pid)));
      await handle.close();
      return () => unlink(file).catch(() => {});
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
    }
    const holder = await readFile(file, 'utf8')
      .then((t) => JSON.parse(t) as { pid: number; startTime?: number; bootId?: string })
      .catch(() => undefined);
    if (holder && typeof holder.pid === 'number' && (await isRunning(holder))) {
      throw new Error(`another imgbuild cleanup (pid ${holder.pid}) is cleaning up this run`);
    }
    await unlink(file).catch(() => {});
  }
}
