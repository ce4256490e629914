/**
 * Removing what a dead run left: its leftovers in reverse order of creation (an instance before its
 * security group and key pair, as the build's own cleanup would), each marked released in the journal
 * as soon as it is gone. A removal that fails is tried again after the others (it may have waited on
 * one of them); the journal is deleted once nothing is left.
 */
import { unlink } from 'node:fs/promises';
import type { CleanerContext } from '../../sdk/ledger.js';
import { isCancellation } from '../errors.js';
import type { CleanerRegistry } from './cleaners.js';
import { JournalFile } from './journal-file.js';
import type { LedgerEntry } from './ledger.js';
import { type RunStatus, readRun } from './read-journal.js';
import { lockRun } from './sweep-lock.js';

export interface SweepResult {
  readonly removed: readonly LedgerEntry[];
  readonly failed: readonly { readonly entry: LedgerEntry; readonly error: unknown }[];
  /** Entries of a kind no cleaner knows (a plugin that is not loaded). */
  readonly unknown: readonly LedgerEntry[];
  /** The journal was deleted (nothing left to track). */
  readonly forgotten: boolean;
}

export interface SweepOptions extends Omit<CleanerContext, 'runId'> {
  readonly cleaners: CleanerRegistry;
  /** Called before each removal (for progress lines). */
  readonly onRemoving?: (entry: LedgerEntry) => void;
  readonly onResult?: (entry: LedgerEntry, error?: unknown) => void;
}

export async function sweepRun(given: RunStatus, opts: SweepOptions): Promise<SweepResult> {
  if (given.alive) throw new Error(`run ${given.run.runId} is still running (pid ${given.run.pid})`);
  const unlock = await lockRun(given.file);
  // Read again under the lock: another cleanup may have removed some of it meanwhile.
  const run = await readRun(given.file).catch(async (e) => {
    await unlock();
    throw e;
  });
  if (!run) {
    await unlock();
    return { removed: [], failed: [], unknown: [], forgotten: true };
  }
  const unknown = run.leftovers.filter((e) => !opts.cleaners.has(e.kind));
  let pending = run.leftovers.filter((e) => opts.cleaners.has(e.kind)).reverse();
  const removed: LedgerEntry[] = [];
  let failed: { entry: LedgerEntry; error: unknown }[] = [];
  const journal =
    pending.length > 0
      ? await JournalFile.openForAppend(run.file).catch(async (e) => {
          await unlock();
          throw e;
        })
      : undefined;
  try {
    // Another pass only while the previous one removed something a failure may have waited on.
    for (let pass = 0; pending.length > 0; pass++) {
      failed = [];
      for (const entry of pending) {
        if (opts.signal.aborted) throw opts.signal.reason;
        opts.onRemoving?.(entry);
        try {
          await opts.cleaners.get(entry.kind)!.remove(entry.data, { ...opts, runId: run.run.runId });
        } catch (error) {
          if (isCancellation(error, opts.signal)) throw error;
          failed.push({ entry, error });
          opts.onResult?.(entry, error);
          continue;
        }
        await journal!.append({ t: 'release', id: entry.id, at: new Date().toISOString(), by: 'cleanup' });
        removed.push(entry);
        opts.onResult?.(entry);
      }
      const progressed = failed.length < pending.length;
      pending = failed.map((f) => f.entry);
      if (!progressed || pass >= 2) break;
    }
    const forgotten = failed.length === 0 && unknown.length === 0;
    if (forgotten) await unlink(run.file).catch(() => {});
    return { removed, failed, unknown, forgotten };
  } finally {
    await journal?.close();
    await unlock();
  }
}
