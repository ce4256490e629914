/**
 * The amazon-ebs builder's configuration: every option of packer-plugin-amazon's ebs.Config (access,
 * AMI, run and communicator options, block device mappings, fast launch) and its Prepare checks that
 * need neither AWS nor the file system. `region` may come from the environment, as in Packer.
 */
import type { Diagnostic } from '../../hcl/diagnostics.js';
import { defineBuilder, type PrepareContext } from '../../sdk/plugin.js';
import { block, blocks, bool, int, object, str } from '../../sdk/schema-helpers.js';
import { prepareCommunicator } from '../common/communicator.js';
import { type Config, given } from '../common/prepare-helpers.js';
import { accessProperties, prepareAccess } from './common/access.js';
import { amiProperties, prepareAmi } from './common/ami.js';
import { blockDeviceMappings, prepareBlockDevices } from './common/block-device.js';
import { ec2Cleaners } from './common/ledger-cleaners.js';
import { runProperties } from './common/run.js';
import { prepareRun } from './common/run-checks.js';
import { tagProperties } from './common/tags.js';

const fastLaunchTemplate = object({
  enable_fast_launch: bool('Enable fast launch in this region.'),
  region: str('Region of the launch template.'),
  template_id: str('Launch template ID.'),
  template_name: str('Launch template name.'),
  template_version: int('Launch template version.'),
});

const ebsProperties = {
  ...accessProperties,
  ...amiProperties,
  ...runProperties,
  skip_create_ami: bool('Run the build without creating an AMI.'),
  skip_ami_run_tags: bool('Do not tag the AMI with run_tags.'),
  ami_block_device_mappings: blockDeviceMappings('Block devices of the AMI.'),
  launch_block_device_mappings: blockDeviceMappings('Block devices of the build instance.'),
  ...tagProperties('run_volume_tags', 'run_volume_tag', 'the volumes of the build instance', 'name'),
  no_ephemeral: bool('Remove the instance store volumes from the AMI.'),
  fast_launch: block(
    'Windows fast launch for the AMI.',
    object({
      enable_fast_launch: bool('Enable fast launch.'),
      template_id: str('Launch template ID.'),
      template_name: str('Launch template name.'),
      template_version: int('Launch template version.'),
      region_launch_templates: blocks('Launch template per region.', fastLaunchTemplate),
      max_parallel_launches: int('Parallel launches to prepare snapshots.'),
      target_resource_count: int('Snapshots kept ready.'),
    }),
  ),
};

export type AmazonEbsConfig = Config;

export const amazonEbsBuilder = defineBuilder<AmazonEbsConfig>({
  type: 'amazon-ebs',
  description: 'Builds an EBS-backed AMI by launching an instance from a source AMI and provisioning it.',
  schema: object(ebsProperties),
  cleaners: ec2Cleaners,
  prepare(config, ctx) {
    const diagnostics = [
      ...prepareAccess(config, ctx),
      ...prepareAmi(config, ctx),
      ...prepareBlockDevices(config, ctx, 'ami_block_device_mappings'),
      ...prepareBlockDevices(config, ctx, 'launch_block_device_mappings'),
      ...prepareRun(config, ctx),
      ...prepareCommunicator(config, ctx),
      ...prepareEbs(config, ctx),
    ];
    return { config, diagnostics };
  },
  // Loaded on first use: only `build` runs builders, and only amazon builds load the AWS SDK.
  run: (config, ctx) => import('./ebs/run.js').then((m) => m.runAmazonEbs(config, ctx)),
});

function prepareEbs(config: Config, ctx: PrepareContext): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const spot = given(config, ctx, 'spot_price') && config.spot_price !== '0';
  if (spot && (config.ena_support === true || config.sriov_support === true)) {
    diags.push(
      ctx.error(
        config.ena_support === true ? 'ena_support' : 'sriov_support',
        'Spot instances do not support modification, which is required when either `ena_support` or `sriov_support` are set. Please ensure you use an AMI that already has either SR-IOV or ENA enabled.',
        '',
      ),
    );
  }
  if (given(config, ctx, 'spot_price_auto_product')) {
    diags.push(
      ctx.warning(
        'spot_price_auto_product',
        'spot_price_auto_product is deprecated and no longer necessary for Packer builds. In future versions of Packer, inclusion of spot_price_auto_product will error your builds. Please take a look at our current documentation to understand how Packer requests Spot instances.',
        '',
      ),
    );
  }
  const fast = (config.fast_launch ?? {}) as Record<string, unknown>;
  const templates = Array.isArray(fast.region_launch_templates)
    ? (fast.region_launch_templates as Record<string, unknown>[])
    : [];
  const regions = Array.isArray(config.ami_regions) ? (config.ami_regions as string[]) : [];
  templates.forEach((t, i) => {
    const region = t.region;
    if (typeof region !== 'string' || !ctx.isKnown('ami_regions') || !ctx.isKnown('region')) return;
    if (!regions.includes(region) && config.region !== region) {
      diags.push(
        ctx.error(
          `fast_launch.region_launch_templates.${i}.region`,
          `Launch template specified for enabling fast-launch on region "${region}", but the AMI won't be copied there.`,
          '',
        ),
      );
    }
  });
  return diags;
}
