/** Security groups: kept and described (the machines' network is not filtered by them). */
import { Ec2Error, notFound } from '../errors.js';
import { matchesFilters, readFilters } from '../filters.js';
import { newId } from '../ids.js';
import type { IpPermissionRecord, RegionState, SecurityGroupRecord } from '../model.js';
import { tagSet } from '../model.js';
import type { QueryParams } from '../query.js';
import { type Ec2Service, specTags } from '../service.js';
import type { Action } from './action.js';

function permissionXml(p: IpPermissionRecord) {
  return {
    ipProtocol: p.ipProtocol,
    fromPort: p.fromPort,
    toPort: p.toPort,
    groups: p.groupIds.map((groupId) => ({ groupId })),
    ipRanges: p.cidrs.map((cidrIp) => ({ cidrIp })),
    ipv6Ranges: [],
    prefixListIds: [],
  };
}

function groupXml(group: SecurityGroupRecord) {
  return {
    ownerId: group.ownerId,
    groupId: group.id,
    groupName: group.name,
    groupDescription: group.description,
    vpcId: group.vpcId,
    ipPermissions: group.ingress.map(permissionXml),
    ipPermissionsEgress: [
      {
        ipProtocol: '-1',
        groups: [],
        ipRanges: [{ cidrIp: '0.0.0.0/0' }],
        ipv6Ranges: [],
        prefixListIds: [],
      },
    ],
    tagSet: tagSet(group.tags),
  };
}

const createSecurityGroup: Action = (service, region, params) => {
  const name = params.required('GroupName');
  const description = params.required('GroupDescription');
  const vpcId = params.string('VpcId') ?? region.vpc.id;
  if (vpcId !== region.vpc.id) throw notFound('vpc', vpcId);
  if ([...region.securityGroups.values()].some((g) => g.name === name && g.vpcId === vpcId)) {
    throw new Ec2Error(
      'InvalidGroup.Duplicate',
      `The security group '${name}' already exists for VPC '${vpcId}'`,
    );
  }
  const group: SecurityGroupRecord = {
    id: newId('sg'),
    name,
    description,
    vpcId,
    ownerId: service.accountId,
    ingress: [],
    tags: specTags(params, 'security-group'),
    visibleAt: service.faults.visibleAt(service.now()),
  };
  region.securityGroups.set(group.id, group);
  return { groupId: group.id, tagSet: tagSet(group.tags) };
};

function findGroup(service: Ec2Service, region: RegionState, params: QueryParams): SecurityGroupRecord {
  const id = params.string('GroupId');
  if (id !== undefined) return service.securityGroup(region, id);
  const name = params.required('GroupName');
  const group = [...region.securityGroups.values()].find((g) => g.name === name && service.visible(g));
  if (!group)
    throw new Ec2Error(
      'InvalidGroup.NotFound',
      `The security group '${name}' does not exist in default VPC '${region.vpc.id}'`,
    );
  return group;
}

function readPermissions(params: QueryParams): IpPermissionRecord[] {
  const list = params.structs('IpPermissions').map((p) => ({
    ipProtocol: p.string('IpProtocol') ?? '-1',
    fromPort: p.int('FromPort'),
    toPort: p.int('ToPort'),
    cidrs: p.structs('IpRanges').map((r) => r.required('CidrIp')),
    groupIds: p
      .structs('Groups')
      .flatMap((g) => (g.string('GroupId') === undefined ? [] : [g.string('GroupId')!])),
  }));
  const cidr = params.string('CidrIp');
  if (cidr !== undefined) {
    list.push({
      ipProtocol: params.string('IpProtocol') ?? '-1',
      fromPort: params.int('FromPort'),
      toPort: params.int('ToPort'),
      cidrs: [cidr],
      groupIds: [],
    });
  }
  return list;
}

const authorizeIngress: Action = (service, region, params) => {
  const group = findGroup(service, region, params);
  const permissions = readPermissions(params);
  if (permissions.length === 0)
    throw new Ec2Error('MissingParameter', 'No permissions given (IpPermissions)');
  const key = (p: IpPermissionRecord, cidr: string) => `${p.ipProtocol}/${p.fromPort}/${p.toPort}/${cidr}`;
  const existing = new Set(group.ingress.flatMap((p) => [...p.cidrs, ...p.groupIds].map((c) => key(p, c))));
  for (const p of permissions) {
    for (const c of [...p.cidrs, ...p.groupIds]) {
      if (existing.has(key(p, c))) {
        throw new Ec2Error(
          'InvalidPermission.Duplicate',
          `the specified rule "peer: ${c}, ${p.ipProtocol.toUpperCase()}, from port: ${p.fromPort}, to port: ${p.toPort}, ALLOW" already exists`,
        );
      }
    }
  }
  group.ingress.push(...permissions);
  return {
    return: true,
    securityGroupRuleSet: permissions.flatMap((p) =>
      p.cidrs.map((cidr) => ({
        securityGroupRuleId: newId('sgr'),
        groupId: group.id,
        groupOwnerId: group.ownerId,
        isEgress: false,
        ipProtocol: p.ipProtocol,
        fromPort: p.fromPort,
        toPort: p.toPort,
        cidrIpv4: cidr,
      })),
    ),
  };
};

const describeSecurityGroups: Action = (service, region, params) => {
  const ids = params.strings('GroupId');
  const names = params.strings('GroupName');
  const filters = readFilters(params);
  let groups =
    ids.length > 0 ? ids.map((id) => service.securityGroup(region, id)) : [...region.securityGroups.values()];
  if (names.length > 0) {
    for (const name of names) {
      if (!groups.some((g) => g.name === name)) {
        throw new Ec2Error(
          'InvalidGroup.NotFound',
          `The security group '${name}' does not exist in default VPC '${region.vpc.id}'`,
        );
      }
    }
    groups = groups.filter((g) => names.includes(g.name));
  }
  const shown = groups.filter(
    (g) =>
      service.visible(g) &&
      matchesFilters(filters, g.tags, {
        'group-id': g.id,
        'group-name': g.name,
        'vpc-id': g.vpcId,
        description: g.description,
        'owner-id': g.ownerId,
      }),
  );
  return { securityGroupInfo: shown.map(groupXml) };
};

const deleteSecurityGroup: Action = (service, region, params) => {
  const group = findGroup(service, region, params);
  const user = [...region.instances.values()].find(
    (i) => i.state !== 'terminated' && i.securityGroupIds.includes(group.id),
  );
  if (user) throw new Ec2Error('DependencyViolation', `resource ${group.id} has a dependent object`);
  region.securityGroups.delete(group.id);
  return { return: true, groupId: group.id };
};

export const securityGroupActions: Record<string, Action> = {
  CreateSecurityGroup: createSecurityGroup,
  AuthorizeSecurityGroupIngress: authorizeIngress,
  DescribeSecurityGroups: describeSecurityGroups,
  DeleteSecurityGroup: deleteSecurityGroup,
};
