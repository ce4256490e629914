/** What the amazon-ebs steps hand to each other (Packer's state bag, typed). */
import type { Communicator } from '../../../sdk/communicator.js';
import type { ResourceData, RunLedger, TrackedResource } from '../../../sdk/ledger.js';
import type { Ec2, Image, Instance } from '../common/ec2-api.js';
import type { BuildInfo } from '../common/tag-values.js';

export interface EbsState {
  /** The build region's client. */
  readonly ec2: Ec2;
  /** The run's ledger: every EC2 resource is recorded before its create call (crash-proof cleanup). */
  readonly ledger: RunLedger;
  /** The profile the client used (recorded so `imgbuild cleanup` authenticates the same way). */
  readonly profile: string | undefined;
  sourceImage?: Image;
  /** The key pair RunInstances names (temporary or ssh_keypair_name). */
  keyPairName?: string;
  /** The private key SSH uses (the temporary key pair's, or ssh_private_key_file's). */
  privateKey?: string;
  /** Set once CreateKeyPair succeeded: the cleanup deletes exactly this. */
  createdKeyPair?: string;
  keyPairEntry?: TrackedResource;
  securityGroupIds: string[];
  /** StepNetworkInfo's result: given, found by filter, or looked up from the subnet. */
  vpcId?: string;
  subnetId?: string;
  availabilityZone?: string;
  /** Set once CreateSecurityGroup succeeded. */
  createdGroupId?: string;
  groupEntry?: TrackedResource;
  /** Set once RunInstances returned an id: the cleanup terminates it. */
  instanceId?: string;
  instanceEntry?: TrackedResource;
  instance?: Instance;
  communicator?: Communicator;
  /** AMI per region (Packer's "amis"), in the order they were made. */
  readonly amis: Map<string, string>;
  /** Snapshots per region. */
  readonly snapshots: Map<string, string[]>;
  /** The data tag templates and build variables see (SourceAMI, BuildRegion…). */
  buildInfo: BuildInfo;
}

export function newEbsState(ec2: Ec2, ledger: RunLedger, profile?: string): EbsState {
  return {
    ec2,
    ledger,
    profile,
    securityGroupIds: [],
    amis: new Map(),
    snapshots: new Map(),
    buildInfo: { BuildRegion: ec2.region },
  };
}

/** Where a resource lives, for its ledger entry (never credentials). */
export function locate(state: EbsState, region = state.ec2.region): ResourceData {
  return { region, endpoint: state.ec2.endpoint, profile: state.profile };
}
