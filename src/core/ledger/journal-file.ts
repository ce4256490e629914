/**
 * A run's journal on disk: created exclusively (mode 0600, directory 0700), every record appended and
 * fdatasync'ed before the caller goes on, so an intent is on disk before the create call it announces.
 * Appends are queued: parallel builds of one run share the file and each line stays whole.
 */
import { constants, type FileHandle, mkdir, open, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { JournalRecord } from './records.js';

export class JournalFile {
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
  ) {}

  /** Makes a new journal whose first line is `first`; fails if the file exists. */
  static async create(file: string, first: JournalRecord): Promise<JournalFile> {
    const dir = path.dirname(file);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const handle = await open(
      file,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_APPEND,
      0o600,
    );
    const journal = new JournalFile(file, handle);
    await journal.append(first);
    await syncDir(dir);
    return journal;
  }

  /** Opens an existing journal to add records (`imgbuild cleanup` marking what it removed). */
  static async openForAppend(file: string): Promise<JournalFile> {
    return new JournalFile(file, await open(file, constants.O_WRONLY | constants.O_APPEND));
  }

  append(record: JournalRecord): Promise<void> {
    const line = `${JSON.stringify(record)}\n`;
    const next = this.queue.then(async () => {
      if (this.closed) throw new Error(`ledger: journal ${this.path} is closed`);
      await this.handle.write(line);
      await this.handle.datasync();
    });
    // A failed append fails its caller; later appends still run.
    this.queue = next.catch(() => {});
    return next;
  }

  async close(): Promise<void> {
    await this.queue;
    if (this.closed) return;
    this.closed = true;
    await this.handle.close();
  }

  /** Closes and deletes the journal (nothing of the run is left to track). */
  async remove(): Promise<void> {
    await this.close();
    await unlink(this.path).catch(() => {});
  }
}

/** The new directory entry survives a power loss only once the directory itself is synced. */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, constants.O_RDONLY).catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // Some file systems cannot sync a directory; the file's own sync still holds.
  } finally {
    await handle.close();
  }
}
