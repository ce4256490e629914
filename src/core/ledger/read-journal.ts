/**
 * Reading run journals back: each run's record, its entries with their last state, whether it ended,
 * and whether its process still runs (a live run is never cleaned up under its feet).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ResourceData } from '../../sdk/ledger.js';
import type { EntryState, LedgerEntry } from './ledger.js';
import { journalSuffix } from './location.js';
import { isRunning } from './process-identity.js';
import type { EndRecord, JournalRecord, RunRecord } from './records.js';

export interface RunJournal {
  readonly file: string;
  readonly run: RunRecord;
  /** Every entry, in the order intended. */
  readonly entries: readonly LedgerEntry[];
  /** How the run ended; undefined when it never wrote its end (killed, or still running). */
  readonly ended?: EndRecord['outcome'];
  /** Lines that were not records (a line cut short by a crash). */
  readonly badLines: number;
}

export interface RunStatus extends RunJournal {
  readonly alive: boolean;
  /** Entries neither released nor kept. */
  readonly leftovers: readonly LedgerEntry[];
}

export function parseJournal(file: string, text: string): RunJournal | undefined {
  let run: RunRecord | undefined;
  let ended: EndRecord['outcome'] | undefined;
  let badLines = 0;
  const entries = new Map<string, LedgerEntry>();
  const update = (id: string, f: (e: LedgerEntry) => LedgerEntry) => {
    const e = entries.get(id);
    if (e) entries.set(id, f(e));
  };
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let r: JournalRecord;
    try {
      r = JSON.parse(line) as JournalRecord;
    } catch {
      badLines++;
      continue;
    }
    switch (r.t) {
      case 'run':
        run ??= r;
        break;
      case 'intent':
        entries.set(r.id, { id: r.id, kind: r.kind, build: r.build, data: r.data, state: 'intended' });
        break;
      case 'confirm':
        update(r.id, (e) => ({
          ...e,
          data: { ...e.data, ...(r.data as ResourceData) },
          state: e.state === 'intended' ? 'confirmed' : e.state,
        }));
        break;
      case 'release':
      case 'keep': {
        const state: EntryState = r.t === 'release' ? 'released' : 'kept';
        update(r.id, (e) => ({ ...e, state }));
        break;
      }
      case 'end':
        ended = r.outcome;
        break;
      default:
        badLines++;
    }
  }
  if (!run) return undefined;
  return { file, run, entries: [...entries.values()], ended, badLines };
}

export function leftoversOf(journal: RunJournal): LedgerEntry[] {
  return journal.entries.filter((e) => e.state === 'intended' || e.state === 'confirmed');
}

export async function readRun(file: string): Promise<RunStatus | undefined> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const journal = parseJournal(file, text);
  if (!journal) return undefined;
  const alive = journal.ended === undefined && (await isRunning(journal.run));
  return { ...journal, alive, leftovers: leftoversOf(journal) };
}

/** Every run journal in `dir`, oldest first (a missing directory has none). */
export async function readRuns(dir: string): Promise<RunStatus[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const runs: RunStatus[] = [];
  for (const name of names.filter((n) => n.endsWith(journalSuffix))) {
    const run = await readRun(path.join(dir, name));
    if (run) runs.push(run);
  }
  return runs.sort((a, b) => (a.run.started < b.run.started ? -1 : a.run.started > b.run.started ? 1 : 0));
}

/** Runs that crashed (no end, process gone) and left something: what a new build warns about. */
export async function crashedRuns(dir: string): Promise<RunStatus[]> {
  return (await readRuns(dir)).filter((r) => !r.alive && r.ended === undefined && r.leftovers.length > 0);
}
