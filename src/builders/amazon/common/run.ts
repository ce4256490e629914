/** The instance the AMI is built on (packer-plugin-amazon common.RunConfig). */
import type { Diagnostic } from '../../../hcl/diagnostics.js';
import type { PrepareContext } from '../../../sdk/plugin.js';
import type { JsonSchema } from '../../../sdk/schema.js';
import {
  block,
  blocks,
  bool,
  duration,
  int,
  object,
  str,
  strList,
  strMap,
} from '../../../sdk/schema-helpers.js';
import { communicatorProperties } from '../../common/communicator.js';
import { type Config, given, knownNumber, knownString } from '../../common/prepare-helpers.js';
import { nameValueFilter, tagProperties } from './tags.js';

const SSH_INTERFACES = ['public_ip', 'private_ip', 'public_dns', 'private_dns', 'ipv6', 'session_manager'];

export const runProperties: Record<string, JsonSchema> = {
  associate_public_ip_address: bool('Give the instance a public IP address.'),
  availability_zone: str('Availability zone of the instance.'),
  block_duration_minutes: int('Spot block duration (a multiple of 60).'),
  capacity_reservation_preference: str('Capacity reservation preference: none or open.'),
  capacity_reservation_id: str('Capacity reservation to launch into.'),
  capacity_reservation_group_arn: str('Capacity reservation group to launch into.'),
  disable_stop_instance: bool('Do not stop the instance (the provisioners do it).'),
  ebs_optimized: bool('Launch an EBS-optimized instance.'),
  enable_nitro_enclave: bool('Enable Nitro Enclaves.'),
  enable_t2_unlimited: bool('Deprecated: use enable_unlimited_credits.', {
    'x-deprecated':
      'enable_t2_unlimited is deprecated please use enable_unlimited_credits. In future versions of Packer, inclusion of enable_t2_unlimited will error your builds.',
  }),
  enable_unlimited_credits: bool('Unlimited CPU credits for burstable instances.'),
  iam_instance_profile: str('Instance profile to launch with.'),
  ...tagProperties('fleet_tags', 'fleet_tag', 'the spot fleet request'),
  skip_profile_validation: bool('Do not check that the instance profile exists.'),
  temporary_iam_instance_profile_policy_document: block(
    'Policy of a temporary instance profile created for the build.',
    object({
      Version: str('Policy language version.'),
      Statement: blocks(
        'A policy statement.',
        object({
          Effect: str('Allow or Deny.'),
          Action: strList('Actions.'),
          Resource: strList('Resources.'),
        }),
      ),
    }),
  ),
  shutdown_behavior: str('What shutdown does: stop or terminate.', { default: 'stop' }),
  instance_type: str('EC2 instance type, e.g. t3.micro.'),
  security_group_filter: block('Find security groups by filter.', nameValueFilter()),
  ...tagProperties('run_tags', 'run_tag', 'the build instance'),
  security_group_id: str('Security group of the instance.'),
  security_group_ids: strList('Security groups of the instance.'),
  source_ami: str('AMI the instance starts from.'),
  source_ami_filter: block(
    'Find the source AMI by filter.',
    object({
      filters: strMap('Filters by name, as in DescribeImages.'),
      owners: strList('Owners (account IDs, aliases like amazon, self).'),
      most_recent: bool('Use the most recent match.'),
      include_deprecated: bool('Also match deprecated AMIs.'),
    }),
  ),
  spot_allocation_strategy: str('Spot fleet allocation strategy.'),
  spot_instance_types: strList('Instance types for a spot request.'),
  spot_price: str('Maximum spot price, or "auto".'),
  spot_price_auto_product: str('Deprecated product for automatic spot prices.'),
  ...tagProperties('spot_tags', 'spot_tag', 'the spot request'),
  subnet_filter: block(
    'Find the subnet by filter.',
    nameValueFilter({
      most_free: bool('Pick the subnet with the most free addresses.'),
      random: bool('Pick a random matching subnet.'),
    }),
  ),
  subnet_id: str('Subnet to launch into.'),
  license_specifications: blocks(
    'License configurations of the instance.',
    object({
      license_configuration_request: block(
        'The license configuration.',
        object({ license_configuration_arn: str('ARN of the license configuration.') }),
      ),
    }),
  ),
  placement: block(
    'Where the instance is placed.',
    object({
      host_resource_group_arn: str('Host resource group.'),
      host_id: str('Dedicated host.'),
      tenancy: str('default, dedicated or host.'),
    }),
  ),
  tenancy: str('Deprecated: use placement.tenancy.'),
  temporary_security_group_source_cidrs: strList('CIDRs allowed into the temporary security group.'),
  temporary_security_group_source_public_ip: bool('Allow only the public IP of this host.'),
  user_data: str('User data for the instance.'),
  user_data_file: str('File holding user data for the instance.'),
  vpc_filter: block('Find the VPC by filter.', nameValueFilter()),
  vpc_id: str('VPC to launch into.'),
  windows_password_timeout: duration('How long to wait for the Windows password.', { default: '20m' }),
  metadata_options: block(
    'Instance metadata service options.',
    object({
      http_endpoint: str('enabled or disabled.', { default: 'enabled' }),
      http_tokens: str('optional or required (IMDSv2).', { default: 'optional' }),
      http_put_response_hop_limit: int('Hop limit of metadata PUT responses (1 to 64).', { default: 1 }),
      instance_metadata_tags: str('enabled or disabled.', { default: 'disabled' }),
    }),
  ),
  ...communicatorProperties,
  ssh_interface: str(
    'How to reach the instance: public_ip, private_ip, public_dns, private_dns, ipv6 or session_manager.',
    {
      examples: SSH_INTERFACES,
    },
  ),
  pause_before_ssm: duration('Wait before connecting through Session Manager.'),
  session_manager_port: int('Local port for the Session Manager tunnel.'),
};

export function prepareRun(config: Config, ctx: PrepareContext): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const has = (name: string) => given(config, ctx, name);
  const str = (name: string) => knownString(config, ctx, name);
  const keyType = str('temporary_key_pair_type');
  if (keyType !== undefined && keyType !== 'rsa' && keyType !== 'ed25519') {
    diags.push(
      ctx.error(
        'temporary_key_pair_type',
        'temporary_key_pair_type requires either rsa or ed25519 as its value',
        '',
      ),
    );
  }
  const metadata = (config.metadata_options ?? {}) as Record<string, unknown>;
  const oneOf = (key: string, allowed: string[], message: string) => {
    const v = metadata[key];
    if (typeof v === 'string' && ctx.isKnown(`metadata_options.${key}`) && !allowed.includes(v)) {
      diags.push(ctx.error(`metadata_options.${key}`, message, ''));
    }
  };
  oneOf(
    'http_endpoint',
    ['enabled', 'disabled'],
    'http_endpoint requires either disabled or enabled as its value',
  );
  oneOf(
    'http_tokens',
    ['optional', 'required'],
    'http_tokens requires either optional or required as its value',
  );
  oneOf(
    'instance_metadata_tags',
    ['enabled', 'disabled'],
    'instance_metadata_tags requires either disabled or enabled as its value',
  );
  const hop = metadata.http_put_response_hop_limit;
  if (typeof hop === 'number' && (hop < 1 || hop > 64)) {
    diags.push(
      ctx.error(
        'metadata_options.http_put_response_hop_limit',
        'http_put_response_hop_limit requires a number between 1 and 64',
        '',
      ),
    );
  }
  const sshInterface = str('ssh_interface');
  if (sshInterface !== undefined && sshInterface !== '' && !SSH_INTERFACES.includes(sshInterface)) {
    diags.push(ctx.error('ssh_interface', `Unknown interface type: ${sshInterface}`, ''));
  }
  if (sshInterface === 'session_manager') {
    if (str('communicator') === 'winrm') {
      diags.push(
        ctx.error(
          'ssh_interface',
          'session_manager connectivity is not supported with the "winrm" communicator; please use "ssh"',
          '',
        ),
      );
    }
    if (!has('iam_instance_profile') && !has('temporary_iam_instance_profile_policy_document')) {
      diags.push(
        ctx.error(
          'ssh_interface',
          'no iam_instance_profile defined; session_manager connectivity requires a valid instance profile with AmazonSSMManagedInstanceCore permissions. Alternatively a temporary_iam_instance_profile_policy_document can be used.',
          '',
        ),
      );
    }
  }
  if (has('ssh_keypair_name')) {
    if (str('communicator') === 'winrm' && !has('winrm_password') && !has('ssh_private_key_file')) {
      diags.push(
        ctx.error(
          'ssh_keypair_name',
          'ssh_private_key_file must be provided to retrieve the winrm password when using ssh_keypair_name.',
          '',
        ),
      );
    } else if (!has('ssh_private_key_file') && !has('ssh_agent_auth')) {
      diags.push(
        ctx.error(
          'ssh_keypair_name',
          'ssh_private_key_file must be provided or ssh_agent_auth enabled when ssh_keypair_name is specified.',
          '',
        ),
      );
    }
  }
  const filter = config.source_ami_filter as Record<string, unknown> | undefined;
  const filterEmpty =
    !has('source_ami_filter') ||
    (filter !== undefined && !filter.filters && !filter.owners && ctx.isKnown('source_ami_filter'));
  if (!has('source_ami') && filterEmpty) {
    diags.push(ctx.error(undefined, 'A source_ami or source_ami_filter must be specified', ''));
  }
  const noOwner = !ctx.isKnown('source_ami_filter.owners')
    ? false
    : !(Array.isArray(filter?.owners) && filter.owners.length > 0);
  if (!has('source_ami') && noOwner) {
    diags.push(
      ctx.error(
        has('source_ami_filter') ? 'source_ami_filter' : undefined,
        'For security reasons, your source AMI filter must declare an owner.',
        '',
      ),
    );
  }
  if (!has('instance_type') && !has('spot_instance_types')) {
    diags.push(ctx.error(undefined, 'either instance_type or spot_instance_types must be specified', ''));
  }
  if (has('instance_type') && has('spot_instance_types')) {
    diags.push(
      ctx.error(
        'spot_instance_types',
        'either instance_type or spot_instance_types must be specified, not both',
        '',
      ),
    );
  }
  const noSpot = ctx.isKnown('spot_price') && (!has('spot_price') || config.spot_price === '0');
  if (has('fleet_tags') && noSpot) {
    diags.push(
      ctx.error('fleet_tags', 'fleet_tags should not be set when not requesting a spot instance', ''),
    );
  }
  if (has('spot_tags') && noSpot) {
    diags.push(ctx.error('spot_tags', 'spot_tags should not be set when not requesting a spot instance', ''));
  }
  const block = knownNumber(config, ctx, 'block_duration_minutes');
  if (block !== undefined && block % 60 !== 0) {
    diags.push(ctx.error('block_duration_minutes', 'block_duration_minutes must be multiple of 60', ''));
  }
  if (has('user_data') && has('user_data_file')) {
    diags.push(ctx.error('user_data_file', 'Only one of user_data or user_data_file can be specified.', ''));
  }
  if (has('security_group_id') && has('security_group_ids')) {
    diags.push(
      ctx.error(
        'security_group_ids',
        'Only one of security_group_id or security_group_ids can be specified.',
        '',
      ),
    );
  }
  const shutdown = str('shutdown_behavior');
  if (shutdown !== undefined && shutdown !== 'stop' && shutdown !== 'terminate') {
    diags.push(
      ctx.error('shutdown_behavior', "shutdown_behavior only accepts 'stop' or 'terminate' values.", ''),
    );
  }
  if (has('capacity_reservation_id') && has('capacity_reservation_group_arn')) {
    diags.push(
      ctx.error(
        'capacity_reservation_group_arn',
        'capacity_reservation_id and capacity_reservation_group_arn are mutually exclusive, only one should be used',
        '',
      ),
    );
  }
  const preference = str('capacity_reservation_preference');
  if (preference !== undefined && preference !== '' && preference !== 'none' && preference !== 'open') {
    diags.push(
      ctx.error(
        'capacity_reservation_preference',
        "capacity_reservation_preference only accepts 'none' or 'open' values",
        '',
      ),
    );
  }
  return diags;
}
