/**
 * A run's ledger: the entries of every build of the run, each written to a sink (the journal file, or
 * nothing for an in-memory ledger) before the call it announces returns. The engine makes one per run
 * and hands each build `forBuild(name)`; at the end, `end()` closes the journal and deletes it when
 * nothing is left to track.
 */
import type { ResourceData, RunLedger, TrackedResource } from '../../sdk/ledger.js';
import { runIdTag } from '../../sdk/ledger.js';
import { JournalFile } from './journal-file.js';
import { journalPath } from './location.js';
import { assertNoSecrets } from './no-secrets.js';
import { bootId, processStartTime } from './process-identity.js';
import { type EndRecord, type JournalRecord, journalVersion } from './records.js';

export type EntryState = 'intended' | 'confirmed' | 'released' | 'kept';

export interface LedgerEntry {
  readonly id: string;
  readonly kind: string;
  readonly build?: string;
  readonly data: ResourceData;
  readonly state: EntryState;
}

type Sink = (record: JournalRecord) => Promise<void>;

const now = () => new Date().toISOString();

export class Ledger {
  private readonly entries = new Map<string, LedgerEntry>();
  private next = 1;

  constructor(
    readonly runId: string,
    private readonly sink: Sink,
    private readonly journal?: JournalFile,
  ) {}

  /** Where the journal is (undefined for an in-memory ledger). */
  get path(): string | undefined {
    return this.journal?.path;
  }

  /** Entries neither released nor kept, in the order they were intended. */
  outstanding(): LedgerEntry[] {
    return [...this.entries.values()].filter((e) => e.state === 'intended' || e.state === 'confirmed');
  }

  forBuild(build?: string): RunLedger {
    const tags = { [runIdTag]: this.runId };
    const intend = (kind: string, data: ResourceData) => this.intend(kind, data, build);
    return {
      runId: this.runId,
      tags,
      intend,
      async track(kind, data, create, confirmData) {
        const resource = await intend(kind, data);
        const value = await create();
        const extra = confirmData?.(value);
        if (extra) await resource.confirm(extra);
        return { value, resource };
      },
    };
  }

  private async intend(kind: string, data: ResourceData, build?: string): Promise<TrackedResource> {
    assertNoSecrets(kind, data);
    const id = `r${this.next++}`;
    const clean = defined(data);
    this.entries.set(id, { id, kind, build, data: clean, state: 'intended' });
    await this.sink({
      t: 'intent',
      id,
      kind,
      ...(build === undefined ? {} : { build }),
      data: clean,
      at: now(),
    });
    const entry = () => this.entries.get(id)!;
    const settle = async (t: 'release' | 'keep') => {
      const e = entry();
      if (e.state === 'released' || e.state === 'kept') return;
      this.entries.set(id, { ...e, state: t === 'release' ? 'released' : 'kept' });
      await this.sink({ t, id, at: now(), by: 'build' });
    };
    return {
      id,
      kind,
      get data() {
        return entry().data;
      },
      confirm: async (more) => {
        assertNoSecrets(kind, more);
        const extra = defined(more);
        const e = entry();
        this.entries.set(id, {
          ...e,
          data: { ...e.data, ...extra },
          state: e.state === 'intended' ? 'confirmed' : e.state,
        });
        await this.sink({ t: 'confirm', id, data: extra, at: now() });
      },
      release: () => settle('release'),
      keep: () => settle('keep'),
    };
  }

  /**
   * Records the run's end. The journal is deleted when nothing is outstanding; otherwise it stays for
   * `imgbuild cleanup` (what -on-error=abort kept, or what a cleanup failed to remove).
   */
  async end(outcome: EndRecord['outcome']): Promise<void> {
    await this.sink({ t: 'end', outcome, at: now() });
    if (!this.journal) return;
    if (this.outstanding().length === 0) await this.journal.remove();
    else await this.journal.close();
  }
}

function defined(data: ResourceData): ResourceData {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
}

/** A ledger that writes nothing (library use without a state directory, and tests). */
export function memoryLedger(runId: string): Ledger {
  return new Ledger(runId, async () => {});
}

export interface FileLedgerOptions {
  readonly dir: string;
  readonly runId: string;
  readonly command?: string;
  readonly template?: string;
}

/** A ledger whose journal is `<dir>/<runId>.jsonl`, created now with the run's record. */
export async function createFileLedger(opts: FileLedgerOptions): Promise<Ledger> {
  const journal = await JournalFile.create(journalPath(opts.dir, opts.runId), {
    t: 'run',
    v: journalVersion,
    runId: opts.runId,
    pid: process.pid,
    startTime: await processStartTime(process.pid),
    bootId: await bootId(),
    started: now(),
    ...(opts.command ? { command: opts.command } : {}),
    ...(opts.template ? { template: opts.template } : {}),
  });
  return new Ledger(opts.runId, (r) => journal.append(r), journal);
}
