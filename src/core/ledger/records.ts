/**
 * The journal's lines: JSON objects, one per line, appended and synced one at a time. A line cut short
 * by a crash is ignored when reading; every other line is a complete record.
 */
import type { ResourceData } from '../../sdk/ledger.js';

export const journalVersion = 1;

/** The first line: who runs (to tell a live run from a crashed one), since when, doing what. */
export interface RunRecord {
  readonly t: 'run';
  readonly v: number;
  readonly runId: string;
  readonly pid: number;
  readonly startTime?: number;
  readonly bootId?: string;
  /** ISO time. */
  readonly started: string;
  readonly command?: string;
  /** The template's path (never its variables: they may be secret). */
  readonly template?: string;
}

export interface IntentRecord {
  readonly t: 'intent';
  readonly id: string;
  readonly kind: string;
  readonly build?: string;
  readonly data: ResourceData;
  readonly at: string;
}

export interface ConfirmRecord {
  readonly t: 'confirm';
  readonly id: string;
  readonly data: ResourceData;
  readonly at: string;
}

/** `by`: the build's own cleanup, or `imgbuild cleanup`. */
export interface ReleaseRecord {
  readonly t: 'release' | 'keep';
  readonly id: string;
  readonly at: string;
  readonly by?: 'build' | 'cleanup';
}

export interface EndRecord {
  readonly t: 'end';
  readonly outcome: 'succeeded' | 'failed' | 'cancelled';
  readonly at: string;
}

export type JournalRecord = RunRecord | IntentRecord | ConfirmRecord | ReleaseRecord | EndRecord;
