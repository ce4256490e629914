/**
 * The run ledger contract: every temporary resource a build creates (a VM process, a temporary path, a
 * cloud key pair, security group, instance, image or snapshot) is written to a durable journal BEFORE
 * the call that creates it, confirmed with its id once created, and released once removed. A run killed
 * with SIGKILL, a cancelled CI job or a power loss leaves a journal that `imgbuild cleanup` reads to
 * remove what was left. Never put credentials in a resource's data: the ledger rejects such fields.
 */
import type { Logger } from './ui.js';

/** What locates a resource: ids, names, region, endpoint URL, a process's pid and start time… */
export type ResourceValue = string | number | boolean | readonly string[];
export type ResourceData = Readonly<Record<string, ResourceValue | undefined>>;

/** One resource in the ledger, from the intent written before its creation. */
export interface TrackedResource {
  /** The entry's id in the run's journal (`r1`, `r2`…). */
  readonly id: string;
  readonly kind: string;
  /** The data written so far (the intent's, then merged with each confirm's). */
  readonly data: ResourceData;
  /** Adds what the create call returned (its id…), durably. */
  confirm(data: ResourceData): Promise<void>;
  /** The resource is gone (removed, or never created): no longer a leftover. */
  release(): Promise<void>;
  /** The resource is kept on purpose (a build's artifact): no longer a leftover. */
  keep(): Promise<void>;
}

/** The ledger as a plugin sees it (RunContext.ledger), scoped to one build of the run. */
export interface RunLedger {
  readonly runId: string;
  /**
   * Tags to put on every cloud resource this run creates (`imgbuild-run-id`), so that a resource
   * whose create call returned no id before a crash can still be found by its cleaner.
   */
  readonly tags: Readonly<Record<string, string>>;
  /** Writes the intent to create a resource and syncs it to disk; call before the create call. */
  intend(kind: string, data: ResourceData): Promise<TrackedResource>;
  /**
   * intend(), then `create()`, then confirm() with `confirmData(result)`. When create throws the
   * intent stays (the resource may exist anyway): the step's cleanup, or `imgbuild cleanup`, removes it.
   */
  track<T>(
    kind: string,
    data: ResourceData,
    create: () => Promise<T>,
    confirmData?: (result: T) => ResourceData,
  ): Promise<{ readonly value: T; readonly resource: TrackedResource }>;
}

export interface CleanerContext {
  /** The run whose leftovers are removed (its resources carry it as the `imgbuild-run-id` tag). */
  readonly runId: string;
  /** Aborted when the user interrupts `imgbuild cleanup`. */
  readonly signal: AbortSignal;
  readonly log: Logger;
  /** A progress line for the user (`waiting for instance i-… to terminate`). */
  say(message: string): void;
}

/**
 * Removes leftovers of one kind. Builders declare theirs (BuilderDefinition.cleaners); the core has
 * `local-process` and `temp-path`. remove() resolves once the resource is gone, also when it was
 * already gone; it throws when it could not tell or could not remove it (it is then kept in the ledger).
 * It must be able to act on an intent that was never confirmed (find it by tags or a marker).
 */
export interface ResourceCleaner {
  readonly kind: string;
  /** In words a user can act on: `EC2 key pair packer_… in eu-west-1 (http://127.0.0.1:4566)`. */
  describe(data: ResourceData): string;
  remove(data: ResourceData, ctx: CleanerContext): Promise<void>;
}

/** The tag (and process marker prefix) that names a run's resources. */
export const runIdTag = 'imgbuild-run-id';
