/** What the amazon-ebs steps hand to each other (Packer's state bag, typed). */
import type { Communicator } from '../../../sdk/communicator.js';
import type { Ec2, Image, Instance } from '../common/ec2-api.js';
import type { BuildInfo } from '../common/tag-values.js';

export interface EbsState {
  /** The build region's client. */
  readonly ec2: Ec2;
  sourceImage?: Image;
  /** The key pair RunInstances names (temporary or ssh_keypair_name). */
  keyPairName?: string;
  /** The private key SSH uses (the temporary key pair's, or ssh_private_key_file's). */
  privateKey?: string;
  /** Set once CreateKeyPair succeeded: the cleanup deletes exactly this. */
  createdKeyPair?: string;
  securityGroupIds: string[];
  /** Set once CreateSecurityGroup succeeded. */
  createdGroupId?: string;
  /** Set once RunInstances returned an id: the cleanup terminates it. */
  instanceId?: string;
  instance?: Instance;
  communicator?: Communicator;
  /** AMI per region (Packer's "amis"), in the order they were made. */
  readonly amis: Map<string, string>;
  /** Snapshots per region. */
  readonly snapshots: Map<string, string[]>;
  /** The data tag templates and build variables see (SourceAMI, BuildRegion…). */
  buildInfo: BuildInfo;
}

export function newEbsState(ec2: Ec2): EbsState {
  return {
    ec2,
    securityGroupIds: [],
    amis: new Map(),
    snapshots: new Map(),
    buildInfo: { BuildRegion: ec2.region },
  };
}
