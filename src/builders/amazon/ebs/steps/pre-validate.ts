/**
 * StepPreValidate: before anything is created, the build region and ami_regions must exist
 * (DescribeRegions, unless skip_region_validation), the AMI name must be free in the build region (unless
 * force_deregister or skip_create_ami), and a vpc_id without a subnet must be the default VPC.
 */
import type { Step } from '../../../../sdk/step.js';
import type { EbsSettings } from '../settings.js';
import type { EbsState } from '../state.js';
import { wrapError } from './fail.js';

export function stepPreValidate(s: EbsSettings): Step<EbsState> {
  return {
    name: 'StepPreValidate',
    async run(state, ctx) {
      if (!s.skipRegionValidation) {
        const out = await state.ec2
          .call('DescribeRegions', {}, { signal: ctx.signal })
          .catch(wrapError('error validating regions', ctx.signal));
        const valid = (out.Regions ?? []).flatMap((r) => (r.RegionName ? [r.RegionName] : []));
        const invalid = [...s.amiRegions, state.ec2.region].filter((r) => r !== '' && !valid.includes(r));
        if (invalid.length > 0) {
          throw new Error(
            `error validating regions: Invalid region(s): [${invalid.join(' ')}], available regions: [${valid.join(' ')}]`,
          );
        }
      }
      if (s.forceDeregister) {
        ctx.ui.say('Force Deregister flag found, skipping prevalidating AMI Name');
        return;
      }
      if (s.skipCreateAmi) {
        ctx.ui.say('skip_create_ami was set; not prevalidating AMI name');
        return;
      }
      ctx.ui.say('Prevalidating any provided VPC information');
      if (s.vpcId !== undefined && s.subnetId === undefined && s.subnetFilter === undefined) {
        let vpcs: Awaited<ReturnType<typeof state.ec2.call<'DescribeVpcs'>>>;
        try {
          vpcs = await state.ec2.call('DescribeVpcs', { VpcIds: [s.vpcId] }, { signal: ctx.signal });
        } catch (error) {
          if (ctx.signal.aborted) throw error;
          throw new Error(
            `Error retrieving VPC information for vpc_id ${s.vpcId}: ${(error as Error).message}`,
            {
              cause: error,
            },
          );
        }
        const vpc = vpcs.Vpcs?.[0];
        if (vpcs.Vpcs?.length === 1 && vpc && vpc.IsDefault !== true) {
          throw new Error(
            `Error: subnet_id or subnet_filter must be provided for non-default VPCs (${s.vpcId})`,
          );
        }
      }
      ctx.ui.say(`Prevalidating AMI Name: ${s.amiName}`);
      let images: Awaited<ReturnType<typeof state.ec2.call<'DescribeImages'>>>;
      try {
        images = await state.ec2.call(
          'DescribeImages',
          { Owners: ['self'], Filters: [{ Name: 'name', Values: [s.amiName] }] },
          { signal: ctx.signal },
        );
      } catch (error) {
        if (ctx.signal.aborted) throw error;
        throw new Error(`Error querying AMI: ${(error as Error).message}`, { cause: error });
      }
      const taken = images.Images?.[0];
      if (taken) {
        throw new Error(`Error: AMI Name: '${taken.Name}' is used by an existing AMI: ${taken.ImageId}`);
      }
    },
  };
}
