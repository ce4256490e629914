/** The options of the instance the AMI is built on (packer-plugin-amazon common.RunConfig). */
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
import { nameValueFilter, tagProperties } from './tags.js';

export const SSH_INTERFACES = [
  'public_ip',
  'private_ip',
  'public_dns',
  'private_dns',
  'ipv6',
  'session_manager',
];

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
