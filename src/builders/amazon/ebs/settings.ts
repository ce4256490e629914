/**
 * The amazon-ebs options a run uses, read once from the prepared config into typed fields (the config
 * itself is a loose record). Options imgbuild does not implement at run time are refused here, before
 * anything is created, instead of being ignored.
 */
import type { BlockDeviceMapping, VolumeType } from '@aws-sdk/client-ec2';
import { tagMap } from '../common/tag-values.js';
import { type PollingSettings, pollingSettings } from '../common/waiter.js';

export interface AmiFilter {
  readonly filters: Readonly<Record<string, string>>;
  readonly owners: readonly string[];
  readonly mostRecent: boolean;
  readonly includeDeprecated: boolean;
}

/** `filters = {…}` and `filter { name, value }` blocks of subnet_filter, vpc_filter, security_group_filter. */
export interface NameValueFilter {
  readonly filters: Readonly<Record<string, string>>;
  readonly mostFree: boolean;
  readonly random: boolean;
}

export interface EbsSettings {
  readonly amiName: string;
  readonly amiDescription: string | undefined;
  readonly sourceAmi: string | undefined;
  readonly sourceAmiFilter: AmiFilter | undefined;
  readonly instanceType: string;
  readonly subnetId: string | undefined;
  readonly subnetFilter: NameValueFilter | undefined;
  readonly vpcFilter: NameValueFilter | undefined;
  readonly securityGroupFilter: NameValueFilter | undefined;
  readonly vpcId: string | undefined;
  readonly availabilityZone: string | undefined;
  readonly securityGroupIds: readonly string[];
  readonly temporarySgCidrs: readonly string[];
  readonly associatePublicIp: boolean | undefined;
  readonly iamInstanceProfile: string | undefined;
  readonly shutdownBehavior: string;
  readonly userData: string | undefined;
  readonly userDataFile: string | undefined;
  readonly ebsOptimized: boolean;
  readonly launchMappings: BlockDeviceMapping[];
  readonly amiMappings: BlockDeviceMapping[];
  readonly runTags: ReadonlyMap<string, string>;
  readonly runVolumeTags: ReadonlyMap<string, string>;
  readonly amiTags: ReadonlyMap<string, string>;
  readonly snapshotTags: ReadonlyMap<string, string>;
  readonly skipAmiRunTags: boolean;
  readonly amiRegions: readonly string[];
  /** encrypt_boot: the AMI is made under a temporary name, then copied encrypted into every region. */
  readonly encryptBoot: boolean;
  /** kms_key_id: the build region's key (absent: region_kms_key_ids' entry, else the default EBS key). */
  readonly kmsKeyId: string | undefined;
  readonly regionKmsKeyIds: Readonly<Record<string, string>>;
  readonly skipRegionValidation: boolean;
  readonly amiUsers: readonly string[];
  readonly amiGroups: readonly string[];
  readonly snapshotUsers: readonly string[];
  readonly snapshotGroups: readonly string[];
  readonly deprecateAt: string | undefined;
  readonly forceDeregister: boolean;
  readonly forceDeleteSnapshot: boolean;
  readonly skipCreateAmi: boolean;
  readonly disableStopInstance: boolean;
  readonly sshInterface: string | undefined;
  readonly sshKeypairName: string | undefined;
  readonly sshPrivateKeyFile: string | undefined;
  readonly sshAgentAuth: boolean;
  readonly temporaryKeyPairName: string | undefined;
  readonly temporaryKeyPairType: 'rsa' | 'ed25519';
  readonly sshPort: number;
  readonly communicator: string;
  readonly metadata: Readonly<Record<string, unknown>> | undefined;
  readonly polling: PollingSettings;
}

/** Options this builder accepts in templates but does not carry out yet: an error names them. */
const NOT_IMPLEMENTED = [
  'spot_price',
  'spot_instance_types',
  'temporary_iam_instance_profile_policy_document',
  'temporary_security_group_source_public_ip',
  'skip_save_build_region',
  'ena_support',
  'sriov_support',
  'fast_launch',
  'ami_org_arns',
  'ami_ou_arns',
  'ami_product_codes',
  'imds_support',
  'deregistration_protection',
];

export function ebsSettings(config: Readonly<Record<string, unknown>>, force: boolean): EbsSettings {
  const str = (n: string) =>
    typeof config[n] === 'string' && config[n] !== '' ? (config[n] as string) : undefined;
  const bool = (n: string) => config[n] === true;
  const list = (n: string) => (Array.isArray(config[n]) ? (config[n] as unknown[]).map(String) : []);
  const used = NOT_IMPLEMENTED.filter((n) => isSet(config[n]));
  if (used.length > 0) {
    throw new Error(`not supported by imgbuild's amazon-ebs builder yet: ${used.join(', ')}`);
  }
  if (str('ssh_interface') === 'session_manager') {
    throw new Error('ssh_interface = "session_manager" is not supported by imgbuild yet');
  }
  const communicator = str('communicator') ?? 'ssh';
  if (communicator !== 'ssh' && communicator !== 'none') {
    throw new Error(
      `communicator "${communicator}" is not supported by imgbuild's amazon-ebs builder; use "ssh" or "none"`,
    );
  }
  const filter = config.source_ami_filter as Record<string, unknown> | undefined;
  const keyType = str('temporary_key_pair_type') ?? 'rsa';
  const cidrs = list('temporary_security_group_source_cidrs');
  return {
    amiName: str('ami_name') ?? '',
    amiDescription: str('ami_description'),
    sourceAmi: str('source_ami'),
    sourceAmiFilter:
      filter && isSet(filter)
        ? {
            filters: (filter.filters ?? {}) as Record<string, string>,
            owners: Array.isArray(filter.owners) ? filter.owners.map(String) : [],
            mostRecent: filter.most_recent === true,
            includeDeprecated: filter.include_deprecated === true,
          }
        : undefined,
    instanceType: str('instance_type') ?? '',
    subnetId: str('subnet_id'),
    subnetFilter: nameValueFilter(config.subnet_filter),
    vpcFilter: nameValueFilter(config.vpc_filter),
    securityGroupFilter: nameValueFilter(config.security_group_filter),
    vpcId: str('vpc_id'),
    availabilityZone: str('availability_zone'),
    securityGroupIds: [
      ...list('security_group_ids'),
      ...(str('security_group_id') ? [str('security_group_id')!] : []),
    ],
    temporarySgCidrs: cidrs.length > 0 ? cidrs : ['0.0.0.0/0'],
    associatePublicIp:
      typeof config.associate_public_ip_address === 'boolean'
        ? config.associate_public_ip_address
        : undefined,
    iamInstanceProfile: str('iam_instance_profile'),
    shutdownBehavior: str('shutdown_behavior') ?? 'stop',
    userData: str('user_data'),
    userDataFile: str('user_data_file'),
    ebsOptimized: bool('ebs_optimized'),
    launchMappings: blockDevices(config.launch_block_device_mappings),
    amiMappings: blockDevices(config.ami_block_device_mappings),
    runTags: tagMap(config, 'run_tags', 'run_tag'),
    runVolumeTags: tagMap(config, 'run_volume_tags', 'run_volume_tag'),
    amiTags: tagMap(config, 'tags', 'tag'),
    snapshotTags: tagMap(config, 'snapshot_tags', 'snapshot_tag'),
    skipAmiRunTags: bool('skip_ami_run_tags'),
    amiRegions: list('ami_regions'),
    encryptBoot: bool('encrypt_boot'),
    kmsKeyId: str('kms_key_id'),
    regionKmsKeyIds: regionKeys(config.region_kms_key_ids),
    skipRegionValidation: bool('skip_region_validation'),
    amiUsers: list('ami_users'),
    amiGroups: list('ami_groups'),
    snapshotUsers: list('snapshot_users'),
    snapshotGroups: list('snapshot_groups'),
    deprecateAt: str('deprecate_at'),
    // -force implies force_deregister, as in Packer.
    forceDeregister: bool('force_deregister') || force,
    forceDeleteSnapshot: bool('force_delete_snapshot'),
    skipCreateAmi: bool('skip_create_ami'),
    disableStopInstance: bool('disable_stop_instance'),
    sshInterface: str('ssh_interface'),
    sshKeypairName: str('ssh_keypair_name'),
    sshPrivateKeyFile: str('ssh_private_key_file'),
    sshAgentAuth: bool('ssh_agent_auth'),
    temporaryKeyPairName: str('temporary_key_pair_name'),
    temporaryKeyPairType: keyType === 'ed25519' ? 'ed25519' : 'rsa',
    sshPort: typeof config.ssh_port === 'number' ? config.ssh_port : 22,
    communicator,
    metadata: config.metadata_options as Record<string, unknown> | undefined,
    polling: pollingSettings(config),
  };
}

function nameValueFilter(value: unknown): NameValueFilter | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  const filters: Record<string, string> = {};
  if (v.filters && typeof v.filters === 'object') {
    for (const [k, val] of Object.entries(v.filters as Record<string, unknown>)) filters[k] = String(val);
  }
  if (Array.isArray(v.filter)) {
    for (const f of v.filter as Record<string, unknown>[]) {
      if (typeof f.name === 'string') filters[f.name] = String(f.value ?? '');
    }
  }
  // Packer's Empty(): no filters means no filter at all.
  if (Object.keys(filters).length === 0) return undefined;
  return { filters, mostFree: v.most_free === true, random: v.random === true };
}

function isSet(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === false) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.values(v as object).some(isSet);
  return true;
}

/** launch_/ami_block_device_mappings blocks → the SDK's BlockDeviceMapping (BuildEC2BlockDeviceMappings). */
function blockDevices(value: unknown): BlockDeviceMapping[] {
  if (!Array.isArray(value)) return [];
  return (value as Record<string, unknown>[]).map((d) => {
    const name = String(d.device_name ?? '');
    if (d.no_device === true) return { DeviceName: name, NoDevice: '' };
    if (typeof d.virtual_name === 'string' && d.virtual_name !== '') {
      return { DeviceName: name, VirtualName: d.virtual_name };
    }
    const num = (k: string) => (typeof d[k] === 'number' ? (d[k] as number) : undefined);
    const text = (k: string) => (typeof d[k] === 'string' && d[k] !== '' ? (d[k] as string) : undefined);
    return {
      DeviceName: name,
      Ebs: {
        DeleteOnTermination: d.delete_on_termination === true,
        VolumeType: text('volume_type') as VolumeType | undefined,
        VolumeSize: num('volume_size'),
        SnapshotId: text('snapshot_id'),
        Iops: num('iops'),
        Throughput: num('throughput'),
        Encrypted: typeof d.encrypted === 'boolean' ? d.encrypted : undefined,
        KmsKeyId: text('kms_key_id'),
      },
    };
  });
}

/** region_kms_key_ids, without empty keys (an empty key means the region's default key). */
function regionKeys(value: unknown): Record<string, string> {
  const keys: Record<string, string> = {};
  if (value && typeof value === 'object') {
    for (const [region, key] of Object.entries(value))
      if (typeof key === 'string' && key !== '') keys[region] = key;
  }
  return keys;
}
