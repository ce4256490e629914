/**
 * The endpoint's state and the rules every action shares: regions made on first use (each with a
 * default VPC and subnet and the base AMIs), lookups that honour the not-yet-visible fault, tags from
 * TagSpecification, background work tracked so close() can wait for it.
 */
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { InstanceBackend } from './backend.js';
import { Ec2Error, notFound } from './errors.js';
import type { FaultInjector } from './faults.js';
import { newId } from './ids.js';
import type {
  ImageRecord,
  InstanceRecord,
  RegionState,
  SecurityGroupRecord,
  SnapshotRecord,
  Tags,
} from './model.js';
import type { QueryParams } from './query.js';

/** A disk registered as an AMI when a region is first used (a base image). */
export interface BaseAmi {
  readonly name: string;
  /** Disk file (qcow2); never written or deleted by the endpoint. */
  readonly disk: string;
  readonly description?: string;
  /** Default: the endpoint's account. */
  readonly ownerId?: string;
  readonly ownerAlias?: string;
  readonly architecture?: string;
  readonly tags?: Readonly<Record<string, string>>;
  /** Default: every region. */
  readonly regions?: readonly string[];
  /** Volume size in GiB reported for its snapshot (default 8). */
  readonly volumeSize?: number;
}

export interface Ec2Timing {
  /** How long an instance stays pending after its machine started (default 0). */
  readonly instancePendingMs?: number;
  /** How long a new image stays pending after its disk is captured (default 500). */
  readonly imagePendingMs?: number;
  /** StopInstances forces the machine off after this long (default 60 s). */
  readonly stopTimeoutMs?: number;
}

export interface ServiceOptions {
  readonly dataDir: string;
  readonly backend: InstanceBackend;
  readonly faults: FaultInjector;
  readonly accountId: string;
  readonly regions: readonly string[];
  readonly amis: readonly BaseAmi[];
  readonly sshPort: number;
  readonly timing: Ec2Timing;
}

export class Ec2Service {
  private readonly regionStates = new Map<string, RegionState>();
  private readonly tasks = new Set<Promise<unknown>>();
  private readonly usedAddresses = new Set<string>();
  endpointHost = '127.0.0.1';
  private readonly closed = new AbortController();

  constructor(readonly options: ServiceOptions) {}

  /** True once close() began: background work stops waiting. */
  get closing(): boolean {
    return this.closed.signal.aborted;
  }

  beginClose(): void {
    this.closed.abort();
  }

  /** A pause of background work that ends early when the endpoint closes. */
  wait(ms: number): Promise<void> {
    if (ms <= 0 || this.closing) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.closed.signal.addEventListener('abort', done, { once: true });
    });
  }

  get faults(): FaultInjector {
    return this.options.faults;
  }

  get backend(): InstanceBackend {
    return this.options.backend;
  }

  get accountId(): string {
    return this.options.accountId;
  }

  now(): number {
    return Date.now();
  }

  regionNames(): string[] {
    return [...new Set([...this.options.regions, ...this.regionStates.keys()])];
  }

  region(name: string): RegionState {
    let state = this.regionStates.get(name);
    if (state) return state;
    state = {
      name,
      images: new Map(),
      snapshots: new Map(),
      instances: new Map(),
      keyPairs: new Map(),
      securityGroups: new Map(),
      vpc: { id: newId('vpc'), cidr: '172.31.0.0/16', tags: new Map() },
      subnet: { id: newId('subnet'), cidr: '172.31.0.0/20', availabilityZone: `${name}a`, tags: new Map() },
    };
    this.regionStates.set(name, state);
    for (const ami of this.options.amis) {
      if (ami.regions && !ami.regions.includes(name)) continue;
      this.registerBaseAmi(state, ami);
    }
    return state;
  }

  private registerBaseAmi(region: RegionState, ami: BaseAmi): void {
    const ownerId = ami.ownerId ?? this.accountId;
    const snapshot: SnapshotRecord = {
      id: newId('snap'),
      region: region.name,
      volumeId: newId('vol'),
      state: 'completed',
      ownerId,
      startTime: new Date(),
      volumeSize: ami.volumeSize ?? 8,
      description: `base image ${ami.name}`,
      tags: new Map(),
      disk: ami.disk,
      external: true,
      createVolumePermissions: [],
      visibleAt: 0,
    };
    const image: ImageRecord = {
      id: newId('ami'),
      region: region.name,
      name: ami.name,
      description: ami.description,
      state: 'available',
      ownerId,
      ownerAlias: ami.ownerAlias,
      creationDate: new Date(),
      architecture: ami.architecture ?? 'x86_64',
      rootDeviceName: '/dev/xvda',
      rootSnapshotId: snapshot.id,
      volumeSize: snapshot.volumeSize,
      tags: new Map(Object.entries(ami.tags ?? {})),
      isPublic: true,
      launchPermissions: [],
      visibleAt: 0,
    };
    region.snapshots.set(snapshot.id, snapshot);
    region.images.set(image.id, image);
  }

  regionDir(region: string): string {
    return join(this.options.dataDir, region);
  }

  visible(record: { visibleAt: number }): boolean {
    return this.now() >= record.visibleAt;
  }

  image(region: RegionState, id: string): ImageRecord {
    const image = region.images.get(id);
    if (!image || !this.visible(image)) throw notFound('image', id);
    return image;
  }

  snapshot(region: RegionState, id: string): SnapshotRecord {
    const snapshot = region.snapshots.get(id);
    if (!snapshot || !this.visible(snapshot)) throw notFound('snapshot', id);
    return snapshot;
  }

  instance(region: RegionState, id: string): InstanceRecord {
    const instance = region.instances.get(id);
    if (!instance || !this.visible(instance)) throw notFound('instance', id);
    return instance;
  }

  securityGroup(region: RegionState, id: string): SecurityGroupRecord {
    const group = region.securityGroups.get(id);
    if (!group || !this.visible(group)) throw notFound('group', id);
    return group;
  }

  /** Runs work in the background (a VM booting, a disk capture); close() waits for it. */
  background(work: () => Promise<void>): void {
    const task = work().catch(() => {});
    this.tasks.add(task);
    void task.finally(() => this.tasks.delete(task));
  }

  async settle(): Promise<void> {
    while (this.tasks.size > 0) await Promise.all([...this.tasks]);
  }

  /**
   * A loopback address of its own for an instance, so its SSH port can be the real one (22) and the
   * API can report an address with no port, as EC2 does. Checked free by binding it.
   */
  async allocateAddress(): Promise<string> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const address = `127.${100 + randomInt(100)}.${randomInt(256)}.${2 + randomInt(250)}`;
      if (this.usedAddresses.has(address)) continue;
      if (await canListen(address, this.options.sshPort)) {
        this.usedAddresses.add(address);
        return address;
      }
    }
    throw new Ec2Error(
      'InternalError',
      `no free loopback address with port ${this.options.sshPort} found`,
      500,
    );
  }

  releaseAddress(address: string): void {
    this.usedAddresses.delete(address);
  }

  allRegions(): RegionState[] {
    return [...this.regionStates.values()];
  }
}

function randomInt(n: number): number {
  return Math.floor(Math.random() * n);
}

function canListen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Tags of `TagSpecification.N` entries for one resource type. */
export function specTags(params: QueryParams, resourceType: string): Tags {
  const tags: Tags = new Map();
  for (const spec of params.structs('TagSpecification')) {
    if (spec.string('ResourceType') !== resourceType) continue;
    for (const tag of spec.structs('Tag')) tags.set(tag.required('Key'), tag.string('Value') ?? '');
  }
  return tags;
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
