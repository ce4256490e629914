/**
 * An AMI this build is making (CreateImage or a region's CopyImage), recorded in the ledger before the
 * call. On success it is kept (the artifact); on failure or cancellation it is deregistered with its
 * snapshots — found by name when the create call's answer never arrived.
 */
import type { TrackedResource } from '../../../../sdk/ledger.js';
import { type Ec2, rejected } from '../../common/ec2-api.js';
import type { BuildOutcome } from '../../../../sdk/step.js';
import { destroyAmi } from './ami-helpers.js';
import { findUnconfirmed } from './find-unconfirmed.js';

export class TrackedAmi {
  id: string | undefined;
  /** The create call failed without proving nothing was made. */
  private unconfirmed = false;

  constructor(
    readonly ec2: Ec2,
    readonly name: string,
    private readonly entry: TrackedResource,
  ) {}

  async created(id: string): Promise<void> {
    this.id = id;
    await this.entry.confirm({ imageId: id });
  }

  async snapshots(ids: string[]): Promise<void> {
    await this.entry.confirm({ snapshotIds: ids });
  }

  async createFailed(error: unknown): Promise<void> {
    if (rejected(error)) await this.entry.release();
    else this.unconfirmed = true;
  }

  get pending(): boolean {
    return this.id !== undefined || this.unconfirmed;
  }

  describe(): string {
    return `AMI ${this.id ?? `named ${this.name}`} in ${this.ec2.region} and its snapshots`;
  }

  /** Keep on success; otherwise deregister and delete the snapshots. */
  async settle(outcome: BuildOutcome, signal: AbortSignal, say: (line: string) => void): Promise<void> {
    if (outcome === 'succeeded') {
      await this.entry.keep();
      return;
    }
    if (this.id === undefined && this.unconfirmed) {
      this.id = await findUnconfirmed(async () => {
        const found = await this.ec2.call(
          'DescribeImages',
          { Owners: ['self'], Filters: [{ Name: 'name', Values: [this.name] }] },
          { signal },
        );
        return found.Images?.[0]?.ImageId;
      }, signal);
    }
    if (this.id !== undefined) await destroyAmi(this.ec2, this.id, signal, say);
    this.id = undefined;
    this.unconfirmed = false;
    await this.entry.release();
  }
}
