/**
 * Instances: RunInstances starts a machine from the image's disk in the background (pending →
 * running), StopInstances stops it cleanly (stopping → stopped), TerminateInstances pulls the plug
 * and removes its disk (shutting-down → terminated; terminated instances stay listed, as on AWS).
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Ec2Error, notFound } from '../errors.js';
import { matchesFilters, readFilters } from '../filters.js';
import { newId } from '../ids.js';
import {
  INSTANCE_STATE_CODES,
  type InstanceRecord,
  type InstanceStateName,
  type RegionState,
  tagSet,
} from '../model.js';
import type { QueryParams } from '../query.js';
import { type Ec2Service, specTags } from '../service.js';
import type { XmlObject } from '../xml.js';
import type { Action } from './action.js';

/** The guest's address on QEMU's user network. */
const GUEST_PRIVATE_IP = '10.0.2.15';

function stateXml(state: InstanceStateName) {
  return { code: INSTANCE_STATE_CODES[state], name: state };
}

function hasAddress(instance: InstanceRecord): boolean {
  return instance.state === 'pending' || instance.state === 'running';
}

export function instanceXml(region: RegionState, instance: InstanceRecord): XmlObject {
  const groups = instance.securityGroupIds.map((id) => ({
    groupId: id,
    groupName: region.securityGroups.get(id)?.name,
  }));
  return {
    instanceId: instance.id,
    imageId: instance.imageId,
    instanceState: stateXml(instance.state),
    privateDnsName: `ip-${instance.privateIp.replaceAll('.', '-')}.${region.name}.compute.internal`,
    dnsName: '',
    reason: instance.stateTransitionReason,
    keyName: instance.keyName,
    amiLaunchIndex: 0,
    instanceType: instance.instanceType,
    launchTime: instance.launchTime.toISOString(),
    placement: { availabilityZone: region.subnet.availabilityZone, groupName: '', tenancy: 'default' },
    monitoring: { state: 'disabled' },
    subnetId: instance.subnetId,
    vpcId: instance.vpcId,
    privateIpAddress: instance.privateIp,
    ipAddress: hasAddress(instance) ? instance.publicIp : undefined,
    sourceDestCheck: true,
    groupSet: groups,
    stateReason: instance.stateReason,
    architecture: 'x86_64',
    rootDeviceType: 'ebs',
    rootDeviceName: '/dev/xvda',
    blockDeviceMapping:
      instance.state === 'terminated'
        ? []
        : [
            {
              deviceName: '/dev/xvda',
              ebs: {
                volumeId: instance.volumeId,
                status: 'attached',
                attachTime: instance.launchTime.toISOString(),
                deleteOnTermination: true,
              },
            },
          ],
    virtualizationType: 'hvm',
    clientToken: instance.clientToken,
    tagSet: tagSet(instance.tags),
    hypervisor: 'xen',
    ebsOptimized: false,
    enaSupport: true,
  };
}

function setState(instance: InstanceRecord, state: InstanceStateName, reason = ''): void {
  instance.state = state;
  instance.stateTransitionReason = reason;
}

/** Boots (or reboots) the instance's machine and follows it until it stops. */
function bootInBackground(
  service: Ec2Service,
  instance: InstanceRecord,
  firstBoot: boolean,
  imageDisk: string,
): void {
  service.background(async () => {
    const started = service.now();
    try {
      if (firstBoot) {
        await mkdir(instance.dir, { recursive: true });
        await service.backend.createInstanceDisk(imageDisk, instance.disk);
      }
      if (instance.state !== 'pending') return;
      const vm = await service.backend.launch({
        instanceId: instance.id,
        dir: instance.dir,
        disk: instance.disk,
        sshAddress: instance.publicIp,
        sshPort: service.options.sshPort,
        authorizedKeys: instance.authorizedKeys,
        userData: instance.userData,
        instanceType: instance.instanceType,
      });
      if ((instance.state as InstanceStateName) !== 'pending') {
        // Terminated (or the endpoint closed) while the machine was starting: it must not live on.
        await vm.kill();
        return;
      }
      instance.vm = vm;
      void vm.exited.then(() => machineStopped(service, instance));
      await service.wait(started + (service.options.timing.instancePendingMs ?? 0) - service.now());
      if ((instance.state as InstanceStateName) === 'pending') setState(instance, 'running');
    } catch (error) {
      instance.stateReason = {
        code: 'Server.InternalError',
        message: `Server.InternalError: ${(error as Error).message}`,
      };
      await finishTermination(service, instance, 'Server.InternalError: Internal error on launch');
    }
  });
}

/** The machine is gone: the instance is stopped, or terminated when it was being (or asked to be). */
function machineStopped(service: Ec2Service, instance: InstanceRecord): void {
  instance.vm = undefined;
  if (instance.state === 'terminated' || instance.state === 'shutting-down') return;
  if (instance.state === 'stopping') {
    setState(instance, 'stopped', `User initiated (${new Date().toISOString()})`);
    instance.stateReason = {
      code: 'Client.UserInitiatedShutdown',
      message: 'Client.UserInitiatedShutdown: User initiated shutdown',
    };
    return;
  }
  // The guest powered itself off.
  instance.stateReason = {
    code: 'Client.InstanceInitiatedShutdown',
    message: 'Client.InstanceInitiatedShutdown: Instance initiated shutdown',
  };
  if (instance.shutdownBehavior === 'terminate') {
    setState(instance, 'shutting-down');
    service.background(() => finishTermination(service, instance, 'Instance initiated shutdown'));
  } else {
    setState(instance, 'stopped', 'Instance initiated shutdown');
  }
}

async function finishTermination(
  service: Ec2Service,
  instance: InstanceRecord,
  reason: string,
): Promise<void> {
  if (instance.state === 'terminated') return;
  setState(instance, 'shutting-down', reason);
  const vm = instance.vm;
  if (vm) await vm.kill().catch(() => {});
  instance.vm = undefined;
  await rm(instance.dir, { recursive: true, force: true }).catch(() => {});
  service.releaseAddress(instance.publicIp);
  setState(instance, 'terminated', reason);
}

function securityGroupIds(service: Ec2Service, region: RegionState, params: QueryParams): string[] {
  const ids = [
    ...params.strings('SecurityGroupId'),
    ...params.structs('NetworkInterface').flatMap((n) => n.strings('SecurityGroupId')),
  ];
  for (const name of params.strings('SecurityGroup')) {
    const group = [...region.securityGroups.values()].find((g) => g.name === name);
    if (!group)
      throw new Ec2Error(
        'InvalidGroup.NotFound',
        `The security group '${name}' does not exist in default VPC '${region.vpc.id}'`,
      );
    ids.push(group.id);
  }
  for (const id of ids) service.securityGroup(region, id);
  return [...new Set(ids)];
}

const runInstances: Action = async (service, region, params) => {
  const image = service.image(region, params.required('ImageId'));
  if (image.state !== 'available') {
    throw new Ec2Error(
      'InvalidAMIID.Unavailable',
      `The image id '[${image.id}]' is not available (state ${image.state})`,
    );
  }
  const snapshot = service.snapshot(region, image.rootSnapshotId);
  const minCount = params.int('MinCount') ?? 1;
  const maxCount = params.int('MaxCount') ?? minCount;
  if (minCount < 1 || maxCount < minCount)
    throw new Ec2Error('InvalidParameterValue', 'MinCount and MaxCount are invalid');
  const instanceType = params.string('InstanceType') ?? 'm1.small';
  service.faults.checkCapacity(instanceType);
  const keyName = params.string('KeyName');
  const keyPair =
    keyName === undefined ? undefined : [...region.keyPairs.values()].find((k) => k.name === keyName);
  if (keyName !== undefined && !keyPair) throw notFound('keypair', keyName);
  const subnetId =
    params.string('SubnetId') ??
    params
      .structs('NetworkInterface')
      .find((n) => n.string('SubnetId'))
      ?.string('SubnetId');
  if (subnetId !== undefined && subnetId !== region.subnet.id) throw notFound('subnet', subnetId);
  const groups = securityGroupIds(service, region, params);
  const userData = params.string('UserData');
  const behavior = params.string('InstanceInitiatedShutdownBehavior') ?? 'stop';
  if (behavior !== 'stop' && behavior !== 'terminate') {
    throw new Ec2Error(
      'InvalidParameterValue',
      `Invalid value '${behavior}' for InstanceInitiatedShutdownBehavior`,
    );
  }
  const reservationId = newId('r');
  const instances: InstanceRecord[] = [];
  for (let i = 0; i < maxCount; i++) {
    const id = newId('i');
    const dir = join(service.options.dataDir, 'instances', id);
    const instance: InstanceRecord = {
      id,
      region: region.name,
      reservationId,
      imageId: image.id,
      instanceType,
      keyName,
      securityGroupIds: groups,
      subnetId: region.subnet.id,
      vpcId: region.vpc.id,
      launchTime: new Date(),
      publicIp: await service.allocateAddress(),
      privateIp: GUEST_PRIVATE_IP,
      volumeId: newId('vol'),
      tags: specTags(params, 'instance'),
      volumeTags: specTags(params, 'volume'),
      shutdownBehavior: behavior,
      clientToken: params.string('ClientToken'),
      userData: userData === undefined ? undefined : Buffer.from(userData, 'base64'),
      authorizedKeys: keyPair ? [keyPair.publicKey] : [],
      dir,
      disk: join(dir, 'disk.qcow2'),
      state: 'pending',
      stateTransitionReason: '',
      visibleAt: service.faults.visibleAt(service.now()),
    };
    region.instances.set(id, instance);
    instances.push(instance);
    bootInBackground(service, instance, true, snapshot.disk);
  }
  return {
    reservationId,
    ownerId: service.accountId,
    groupSet: groups.map((id) => ({ groupId: id, groupName: region.securityGroups.get(id)?.name })),
    instancesSet: instances.map((instance) => instanceXml(region, instance)),
  };
};

function instancesOf(service: Ec2Service, region: RegionState, params: QueryParams): InstanceRecord[] {
  const ids = params.strings('InstanceId');
  if (ids.length === 0)
    throw new Ec2Error('MissingParameter', 'The request must contain the parameter InstanceId');
  return ids.map((id) => service.instance(region, id));
}

function instanceFields(instance: InstanceRecord) {
  return {
    'instance-id': instance.id,
    'instance-state-name': instance.state,
    'instance-state-code': String(INSTANCE_STATE_CODES[instance.state]),
    'image-id': instance.imageId,
    'instance-type': instance.instanceType,
    'key-name': instance.keyName,
    'vpc-id': instance.vpcId,
    'subnet-id': instance.subnetId,
    'reservation-id': instance.reservationId,
    'ip-address': hasAddress(instance) ? instance.publicIp : undefined,
    'private-ip-address': instance.privateIp,
    'instance.group-id': instance.securityGroupIds,
    'client-token': instance.clientToken,
  };
}

const describeInstances: Action = (service, region, params) => {
  const ids = params.strings('InstanceId');
  const filters = readFilters(params);
  const wanted =
    ids.length > 0 ? ids.map((id) => service.instance(region, id)) : [...region.instances.values()];
  const instances = wanted.filter(
    (i) => service.visible(i) && matchesFilters(filters, i.tags, instanceFields(i)),
  );
  const reservations = new Map<string, InstanceRecord[]>();
  for (const instance of instances) {
    const list = reservations.get(instance.reservationId) ?? [];
    list.push(instance);
    reservations.set(instance.reservationId, list);
  }
  return {
    reservationSet: [...reservations].map(([reservationId, list]) => ({
      reservationId,
      ownerId: service.accountId,
      groupSet: [],
      instancesSet: list.map((instance) => instanceXml(region, instance)),
    })),
  };
};

const describeInstanceStatus: Action = (service, region, params) => {
  const ids = params.strings('InstanceId');
  const all = params.bool('IncludeAllInstances') ?? false;
  const wanted =
    ids.length > 0 ? ids.map((id) => service.instance(region, id)) : [...region.instances.values()];
  const instances = wanted.filter((i) => service.visible(i) && (all || i.state === 'running'));
  return {
    instanceStatusSet: instances.map((instance) => {
      const status = instance.state === 'running' ? 'ok' : 'not-applicable';
      const summary = {
        status,
        details: [{ name: 'reachability', status: status === 'ok' ? 'passed' : 'initializing' }],
      };
      return {
        instanceId: instance.id,
        availabilityZone: region.subnet.availabilityZone,
        instanceState: stateXml(instance.state),
        systemStatus: summary,
        instanceStatus: summary,
      };
    }),
  };
};

function changeXml(instance: InstanceRecord, previous: InstanceStateName) {
  return {
    instanceId: instance.id,
    currentState: stateXml(instance.state),
    previousState: stateXml(previous),
  };
}

const stopInstances: Action = (service, region, params) => {
  const instances = instancesOf(service, region, params);
  const force = params.bool('Force') ?? false;
  for (const instance of instances) {
    if (
      instance.state === 'pending' ||
      instance.state === 'terminated' ||
      instance.state === 'shutting-down'
    ) {
      throw new Ec2Error(
        'IncorrectInstanceState',
        `This instance '${instance.id}' is not in a state from which it can be stopped.`,
      );
    }
  }
  const changes = instances.map((instance) => {
    const previous = instance.state;
    if (previous === 'running') {
      setState(instance, 'stopping', `User initiated (${new Date().toISOString()})`);
      const vm = instance.vm;
      if (vm) {
        const timeout = force ? 0 : (service.options.timing.stopTimeoutMs ?? 60_000);
        service.background(() => vm.stop(timeout));
      } else {
        machineStopped(service, instance);
      }
    }
    return changeXml(instance, previous);
  });
  return { instancesSet: changes };
};

const startInstances: Action = (service, region, params) => {
  const instances = instancesOf(service, region, params);
  for (const instance of instances) {
    if (instance.state !== 'stopped' && instance.state !== 'running' && instance.state !== 'pending') {
      throw new Ec2Error(
        'IncorrectInstanceState',
        `The instance '${instance.id}' is not in a state from which it can be started.`,
      );
    }
  }
  const changes = instances.map((instance) => {
    const previous = instance.state;
    if (previous === 'stopped') {
      setState(instance, 'pending');
      instance.stateReason = undefined;
      bootInBackground(service, instance, false, '');
    }
    return changeXml(instance, previous);
  });
  return { instancesSet: changes };
};

const terminateInstances: Action = (service, region, params) => {
  const instances = instancesOf(service, region, params);
  const changes = instances.map((instance) => {
    const previous = instance.state;
    if (previous !== 'terminated' && previous !== 'shutting-down') {
      setState(instance, 'shutting-down', `User initiated (${new Date().toISOString()})`);
      service.background(() =>
        finishTermination(service, instance, `User initiated (${new Date().toISOString()})`),
      );
    }
    return changeXml(instance, previous);
  });
  return { instancesSet: changes };
};

const getConsoleOutput: Action = async (service, region, params) => {
  const instance = service.instance(region, params.required('InstanceId'));
  const output = (await instance.vm?.consoleOutput()) ?? '';
  return {
    instanceId: instance.id,
    timestamp: new Date().toISOString(),
    output: Buffer.from(output).toString('base64'),
  };
};

/** Stops every machine now (endpoint shutdown). */
export async function terminateAll(service: Ec2Service): Promise<void> {
  await Promise.all(
    service
      .allRegions()
      .flatMap((region) => [...region.instances.values()])
      .filter((instance) => instance.state !== 'terminated')
      .map((instance) => finishTermination(service, instance, 'endpoint closed')),
  );
}

export const instanceActions: Record<string, Action> = {
  RunInstances: runInstances,
  DescribeInstances: describeInstances,
  DescribeInstanceStatus: describeInstanceStatus,
  StopInstances: stopInstances,
  StartInstances: startInstances,
  TerminateInstances: terminateInstances,
  GetConsoleOutput: getConsoleOutput,
};
