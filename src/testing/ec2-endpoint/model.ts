/**
 * What the endpoint remembers, per region. Records are mutable: background work (a VM booting, a disk
 * being captured) moves their state on, as AWS does, and every reply reads them as they are now.
 */
import type { InstanceVm } from './backend.js';

export type Tags = Map<string, string>;

/** Not visible to the API before this time (the eventual-consistency fault); 0 = at once. */
export interface Visible {
  visibleAt: number;
}

export interface LaunchPermission {
  readonly userId?: string;
  readonly group?: string;
}

export interface ImageRecord extends Visible {
  readonly id: string;
  readonly region: string;
  readonly name: string;
  description?: string;
  state: 'pending' | 'available' | 'failed';
  stateReason?: { code: string; message: string };
  readonly ownerId: string;
  readonly ownerAlias?: string;
  readonly creationDate: Date;
  readonly architecture: string;
  readonly rootDeviceName: string;
  readonly rootSnapshotId: string;
  readonly volumeSize: number;
  readonly tags: Tags;
  isPublic: boolean;
  readonly launchPermissions: LaunchPermission[];
  deprecationTime?: Date;
  readonly sourceInstanceId?: string;
  readonly sourceImageId?: string;
  readonly sourceRegion?: string;
}

export interface SnapshotRecord extends Visible {
  readonly id: string;
  readonly region: string;
  readonly volumeId: string;
  state: 'pending' | 'completed' | 'error';
  readonly ownerId: string;
  readonly startTime: Date;
  volumeSize: number;
  readonly description: string;
  readonly tags: Tags;
  /** The disk file holding this snapshot's data. */
  readonly disk: string;
  /** A disk the endpoint was given (a base image): never deleted by the endpoint. */
  readonly external: boolean;
  readonly createVolumePermissions: LaunchPermission[];
  /** Set by CopyImage with Encrypted (no data is really encrypted here: the flag and key id are kept). */
  readonly kmsKeyId?: string;
}

export type InstanceStateName =
  | 'pending'
  | 'running'
  | 'shutting-down'
  | 'terminated'
  | 'stopping'
  | 'stopped';

export const INSTANCE_STATE_CODES: Record<InstanceStateName, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

export interface InstanceRecord extends Visible {
  readonly id: string;
  readonly region: string;
  readonly reservationId: string;
  readonly imageId: string;
  readonly instanceType: string;
  readonly keyName?: string;
  readonly securityGroupIds: string[];
  readonly subnetId: string;
  readonly vpcId: string;
  readonly launchTime: Date;
  readonly publicIp: string;
  readonly privateIp: string;
  readonly volumeId: string;
  readonly tags: Tags;
  readonly volumeTags: Tags;
  readonly shutdownBehavior: 'stop' | 'terminate';
  readonly clientToken?: string;
  readonly userData?: Buffer;
  readonly authorizedKeys: string[];
  /** The instance's own disk (an overlay on the image's snapshot disk) and its working directory. */
  readonly dir: string;
  readonly disk: string;
  state: InstanceStateName;
  stateReason?: { code: string; message: string };
  stateTransitionReason: string;
  vm?: InstanceVm;
}

export interface KeyPairRecord {
  readonly id: string;
  readonly name: string;
  readonly type: 'rsa' | 'ed25519';
  readonly fingerprint: string;
  /** The authorized_keys line injected into instances launched with this key. */
  readonly publicKey: string;
  readonly createTime: Date;
  readonly tags: Tags;
}

export interface IpPermissionRecord {
  readonly ipProtocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly cidrs: string[];
  readonly groupIds: string[];
}

export interface SecurityGroupRecord extends Visible {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly vpcId: string;
  readonly ownerId: string;
  readonly ingress: IpPermissionRecord[];
  readonly tags: Tags;
}

export interface RegionState {
  readonly name: string;
  readonly images: Map<string, ImageRecord>;
  readonly snapshots: Map<string, SnapshotRecord>;
  readonly instances: Map<string, InstanceRecord>;
  readonly keyPairs: Map<string, KeyPairRecord>;
  readonly securityGroups: Map<string, SecurityGroupRecord>;
  readonly vpc: { id: string; cidr: string; tags: Tags };
  readonly subnet: { id: string; cidr: string; availabilityZone: string; tags: Tags };
}

export function tagSet(tags: Tags): { key: string; value: string }[] {
  return [...tags].map(([key, value]) => ({ key, value }));
}
