/**
 * StepNetworkInfo: the VPC and subnet the instance goes into — vpc_id / subnet_id as given, or found by
 * vpc_filter (exactly one) and subnet_filter (one, or most_free / random among several); with
 * associate_public_ip_address and no subnet, the default VPC's subnet with the most free addresses.
 * A known subnet gives the availability zone and VPC.
 */
import type { Filter, Subnet } from '@aws-sdk/client-ec2';
import type { Step } from '../../../../sdk/step.js';
import type { EbsSettings } from '../settings.js';
import type { EbsState } from '../state.js';
import { wrapError } from './fail.js';

/** A filters map as EC2 Filter entries (Packer's buildEc2Filters), sorted by name for stable requests. */
export function ec2Filters(filters: Readonly<Record<string, string>>): Filter[] {
  return Object.keys(filters)
    .sort()
    .map((Name) => ({ Name, Values: [filters[Name]!] }));
}

export function mostFreeSubnet(subnets: readonly Subnet[]): Subnet {
  return [...subnets]
    .sort((a, b) => (a.AvailableIpAddressCount ?? 0) - (b.AvailableIpAddressCount ?? 0))
    .at(-1)!;
}

export function stepNetworkInfo(s: EbsSettings): Step<EbsState> {
  return {
    name: 'StepNetworkInfo',
    async run(state, ctx) {
      state.vpcId = s.vpcId;
      state.subnetId = s.subnetId;
      state.availabilityZone = s.availabilityZone;
      if (state.vpcId === undefined && s.vpcFilter) {
        const params = { Filters: ec2Filters(s.vpcFilter.filters) };
        const out = await state.ec2
          .call('DescribeVpcs', params, { signal: ctx.signal })
          .catch(wrapError('Error querying VPCs', ctx.signal));
        const vpcs = out.Vpcs ?? [];
        if (vpcs.length !== 1) {
          throw new Error(
            `Exactly one VPC should match the filter, but ${vpcs.length} VPC's was found matching filters: ${JSON.stringify(params)}`,
          );
        }
        state.vpcId = vpcs[0]!.VpcId;
        ctx.ui.message(`Found VPC ID: ${state.vpcId}`);
      }
      if (state.subnetId === undefined && s.subnetFilter) {
        const filters: Record<string, string> = { ...s.subnetFilter.filters, state: 'available' };
        if (state.vpcId !== undefined) filters['vpc-id'] = state.vpcId;
        if (state.availabilityZone !== undefined) filters.availabilityZone = state.availabilityZone;
        const params = { Filters: ec2Filters(filters) };
        const out = await state.ec2
          .call('DescribeSubnets', params, { signal: ctx.signal })
          .catch(wrapError('Error querying Subnets', ctx.signal));
        const subnets = out.Subnets ?? [];
        if (subnets.length === 0)
          throw new Error(`No Subnets was found matching filters: ${JSON.stringify(params)}`);
        if (subnets.length > 1 && !s.subnetFilter.random && !s.subnetFilter.mostFree) {
          throw new Error(
            `Your filter matched ${subnets.length} Subnets. Please try a more specific search, or set random or most_free to true.`,
          );
        }
        const subnet = s.subnetFilter.mostFree
          ? mostFreeSubnet(subnets)
          : s.subnetFilter.random
            ? subnets[Math.floor(Math.random() * subnets.length)]!
            : subnets[0]!;
        state.subnetId = subnet.SubnetId;
        ctx.ui.message(`Found Subnet ID: ${state.subnetId}`);
      }
      if (s.associatePublicIp !== undefined && state.subnetId === undefined) {
        await defaultSubnet(state, s, ctx.signal, (l) => ctx.ui.say(l));
      }
      if (
        state.subnetId !== undefined &&
        (state.availabilityZone === undefined || state.vpcId === undefined)
      ) {
        const out = await state.ec2
          .call('DescribeSubnets', { SubnetIds: [state.subnetId] }, { signal: ctx.signal })
          .catch(wrapError(`Describing the subnet: ${state.subnetId} returned error`, ctx.signal));
        const subnet = out.Subnets?.[0];
        state.availabilityZone ??= subnet?.AvailabilityZone;
        state.vpcId ??= subnet?.VpcId;
      }
    },
  };
}

/** Packer's GetDefaultVPCAndSubnet, without its instance-type offering check; failures are only said. */
async function defaultSubnet(
  state: EbsState,
  s: EbsSettings,
  signal: AbortSignal,
  say: (line: string) => void,
): Promise<void> {
  say(`Setting public IP address to ${s.associatePublicIp} on instance without a subnet ID`);
  try {
    let vpc = state.vpcId;
    if (vpc === undefined) {
      say('No VPC ID provided, Packer will use the default VPC');
      const vpcs = await state.ec2.call(
        'DescribeVpcs',
        { Filters: [{ Name: 'is-default', Values: ['true'] }] },
        { signal },
      );
      if (vpcs.Vpcs?.length !== 1) throw new Error('No default VPC found');
      vpc = vpcs.Vpcs[0]!.VpcId!;
    }
    say(`Inferring subnet from the selected VPC "${vpc}"`);
    const out = await state.ec2.call(
      'DescribeSubnets',
      { Filters: ec2Filters({ 'vpc-id': vpc, state: 'available' }) },
      { signal },
    );
    if (!out.Subnets?.length) throw new Error(`no subnet in ${vpc}`);
    const subnet = mostFreeSubnet(out.Subnets);
    state.subnetId = subnet.SubnetId;
    state.vpcId = vpc;
    state.availabilityZone = subnet.AvailabilityZone;
    say(`Set subnet as "${state.subnetId}"`);
  } catch (error) {
    if (signal.aborted) throw error;
    say('associate_public_ip_address is set without a subnet_id.');
    say(
      `Packer attempted to infer a subnet from default VPC (if unspecified), but failed due to: ${(error as Error).message}`,
    );
    say(
      'The associate_public_ip_address will be ignored for the remainder of the build, and a public IP will only be associated if the VPC chosen enables it by default.',
    );
  }
}
