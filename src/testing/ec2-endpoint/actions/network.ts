/** The fixed network picture: one default VPC and subnet per region, the configured regions, one zone each. */
import { notFound } from '../errors.js';
import { matchesFilters, readFilters } from '../filters.js';
import { tagSet } from '../model.js';
import type { Action } from './action.js';

const describeVpcs: Action = (service, region, params) => {
  const ids = params.strings('VpcId');
  for (const id of ids) if (id !== region.vpc.id) throw notFound('vpc', id);
  const vpc = region.vpc;
  const fields = {
    'vpc-id': vpc.id,
    'is-default': 'true',
    state: 'available',
    'cidr-block': vpc.cidr,
    cidr: vpc.cidr,
    'owner-id': service.accountId,
  };
  const shown = matchesFilters(readFilters(params), vpc.tags, fields) ? [vpc] : [];
  return {
    vpcSet: shown.map((v) => ({
      vpcId: v.id,
      ownerId: service.accountId,
      state: 'available',
      cidrBlock: v.cidr,
      dhcpOptionsId: 'dopt-00000000',
      instanceTenancy: 'default',
      isDefault: true,
      tagSet: tagSet(v.tags),
    })),
  };
};

const describeSubnets: Action = (service, region, params) => {
  const ids = params.strings('SubnetId');
  for (const id of ids) if (id !== region.subnet.id) throw notFound('subnet', id);
  const subnet = region.subnet;
  const fields = {
    'subnet-id': subnet.id,
    'vpc-id': region.vpc.id,
    'availability-zone': subnet.availabilityZone,
    'default-for-az': 'true',
    state: 'available',
    'cidr-block': subnet.cidr,
    'owner-id': service.accountId,
  };
  const shown = matchesFilters(readFilters(params), subnet.tags, fields) ? [subnet] : [];
  return {
    subnetSet: shown.map((s) => ({
      subnetId: s.id,
      subnetArn: `arn:aws:ec2:${region.name}:${service.accountId}:subnet/${s.id}`,
      state: 'available',
      vpcId: region.vpc.id,
      ownerId: service.accountId,
      cidrBlock: s.cidr,
      availableIpAddressCount: 4091,
      availabilityZone: s.availabilityZone,
      availabilityZoneId: `${region.name}-az1`,
      defaultForAz: true,
      mapPublicIpOnLaunch: true,
      tagSet: tagSet(s.tags),
    })),
  };
};

const describeRegions: Action = (service, _region, params) => {
  const names = params.strings('RegionName');
  const filters = readFilters(params);
  const regions = service.regionNames().filter(
    (name) =>
      (names.length === 0 || names.includes(name)) &&
      matchesFilters(filters, new Map(), {
        'region-name': name,
        endpoint: service.endpointHost,
        'opt-in-status': 'opt-in-not-required',
      }),
  );
  return {
    regionInfo: regions.map((name) => ({
      regionName: name,
      regionEndpoint: service.endpointHost,
      optInStatus: 'opt-in-not-required',
    })),
  };
};

const describeAvailabilityZones: Action = (_service, region) => ({
  availabilityZoneInfo: [
    {
      zoneName: region.subnet.availabilityZone,
      zoneId: `${region.name}-az1`,
      zoneState: 'available',
      regionName: region.name,
      zoneType: 'availability-zone',
      optInStatus: 'opt-in-not-required',
      groupName: region.name,
      networkBorderGroup: region.name,
      messageSet: [],
    },
  ],
});

export const networkActions: Record<string, Action> = {
  DescribeVpcs: describeVpcs,
  DescribeSubnets: describeSubnets,
  DescribeRegions: describeRegions,
  DescribeAvailabilityZones: describeAvailabilityZones,
};
