/** AMIs: describe, create from an instance, copy between regions, attributes, deregister. */
import { Ec2Error } from '../errors.js';
import { matchesFilters, readFilters } from '../filters.js';
import type { ImageRecord, LaunchPermission, RegionState, SnapshotRecord } from '../model.js';
import { tagSet } from '../model.js';
import type { QueryParams } from '../query.js';
import { type Ec2Service, specTags } from '../service.js';
import { startImage } from './new-image.js';
import type { XmlObject } from '../xml.js';
import type { Action } from './action.js';

export function imageXml(image: ImageRecord, snapshot: SnapshotRecord | undefined): XmlObject {
  return {
    imageId: image.id,
    imageLocation: `${image.ownerId}/${image.name}`,
    imageState: image.state,
    imageOwnerId: image.ownerId,
    imageOwnerAlias: image.ownerAlias,
    creationDate: image.creationDate.toISOString(),
    isPublic: image.isPublic,
    architecture: image.architecture,
    imageType: 'machine',
    name: image.name,
    description: image.description,
    rootDeviceType: 'ebs',
    rootDeviceName: image.rootDeviceName,
    blockDeviceMapping: [
      {
        deviceName: image.rootDeviceName,
        ebs: {
          snapshotId: image.rootSnapshotId,
          volumeSize: snapshot?.volumeSize ?? image.volumeSize,
          deleteOnTermination: true,
          volumeType: 'gp3',
          encrypted: snapshot?.kmsKeyId !== undefined,
          kmsKeyId: snapshot?.kmsKeyId,
        },
      },
    ],
    virtualizationType: 'hvm',
    hypervisor: 'xen',
    enaSupport: true,
    bootMode: 'legacy-bios',
    platformDetails: 'Linux/UNIX',
    usageOperation: 'RunInstances',
    tagSet: tagSet(image.tags),
    stateReason: image.stateReason,
    deprecationTime: image.deprecationTime?.toISOString(),
    sourceInstanceId: image.sourceInstanceId,
    sourceImageId: image.sourceImageId,
    sourceImageRegion: image.sourceRegion,
  };
}

const describeImages: Action = (service, region, params) => {
  const ids = params.strings('ImageId');
  const owners = params.strings('Owner').map((o) => (o === 'self' ? service.accountId : o));
  const filters = readFilters(params);
  const wanted = ids.length > 0 ? ids.map((id) => service.image(region, id)) : [...region.images.values()];
  const images = wanted.filter(
    (image) =>
      service.visible(image) &&
      (owners.length === 0 ||
        owners.includes(image.ownerId) ||
        (image.ownerAlias !== undefined && owners.includes(image.ownerAlias))) &&
      matchesFilters(filters, image.tags, {
        'image-id': image.id,
        name: image.name,
        state: image.state,
        'owner-id': image.ownerId,
        'owner-alias': image.ownerAlias,
        architecture: image.architecture,
        description: image.description,
        'is-public': String(image.isPublic),
        'image-type': 'machine',
        'virtualization-type': 'hvm',
        'root-device-type': 'ebs',
        'root-device-name': image.rootDeviceName,
        hypervisor: 'xen',
        'block-device-mapping.snapshot-id': image.rootSnapshotId,
        'block-device-mapping.device-name': image.rootDeviceName,
      }),
  );
  return { imagesSet: images.map((image) => imageXml(image, region.snapshots.get(image.rootSnapshotId))) };
};

const AMI_NAME = /^[A-Za-z0-9()[\] ./\-'@_]{3,128}$/;

function checkName(service: Ec2Service, region: RegionState, name: string): void {
  if (!AMI_NAME.test(name)) {
    throw new Ec2Error(
      'InvalidAMIName.Malformed',
      `AMI names must be between 3 and 128 characters long, and may contain letters, numbers, '(', ')', '.', '-', '/' and '_' (got '${name}')`,
    );
  }
  for (const image of region.images.values()) {
    if (image.name === name && image.ownerId === service.accountId) {
      throw new Ec2Error('InvalidAMIName.Duplicate', `AMI name ${name} is already in use by AMI ${image.id}`);
    }
  }
}

const createImage: Action = (service, region, params) => {
  const instance = service.instance(region, params.required('InstanceId'));
  const name = params.required('Name');
  if (instance.state !== 'running' && instance.state !== 'stopped') {
    throw new Ec2Error(
      'IncorrectInstanceState',
      `The instance '${instance.id}' is not in the 'running' or 'stopped' state.`,
    );
  }
  checkName(service, region, name);
  const source = region.images.get(instance.imageId);
  const image = startImage(service, region, {
    name,
    description: params.string('Description'),
    architecture: source?.architecture ?? 'x86_64',
    volumeSize: source?.volumeSize ?? 8,
    tags: specTags(params, 'image'),
    snapshotTags: specTags(params, 'snapshot'),
    volumeId: instance.volumeId,
    sourceInstanceId: instance.id,
    // A running instance is captured as it is (crash-consistent, as with NoReboot).
    capture: (target) =>
      service.backend.captureDisk(instance.disk, target, { live: instance.state !== 'stopped' }),
  });
  return { imageId: image.id };
};

/**
 * CopyImage's encryption, as AWS has it: Encrypted copies with KmsKeyId or the region's default EBS key;
 * a copy of an encrypted snapshot stays encrypted; KmsKeyId without Encrypted is refused.
 */
function copyKmsKey(
  service: Ec2Service,
  region: RegionState,
  params: QueryParams,
  sourceKey: string | undefined,
): string | undefined {
  const key = params.string('KmsKeyId');
  const encrypted = params.bool('Encrypted');
  if (key !== undefined && !encrypted) {
    throw new Ec2Error(
      'InvalidParameterDependency',
      'The parameter KmsKeyId requires the parameter Encrypted to be set.',
    );
  }
  if (!encrypted) return sourceKey;
  return key ?? `arn:aws:kms:${region.name}:${service.accountId}:alias/aws/ebs`;
}

const copyImage: Action = (service, region, params) => {
  const sourceRegion = service.region(params.required('SourceRegion'));
  const source = service.image(sourceRegion, params.required('SourceImageId'));
  const name = params.string('Name') ?? source.name;
  checkName(service, region, name);
  const tags = specTags(params, 'image');
  if (params.bool('CopyImageTags')) for (const [k, v] of source.tags) if (!tags.has(k)) tags.set(k, v);
  const image = startImage(service, region, {
    kmsKeyId: copyKmsKey(
      service,
      region,
      params,
      sourceRegion.snapshots.get(source.rootSnapshotId)?.kmsKeyId,
    ),
    name,
    description: params.string('Description') ?? source.description,
    architecture: source.architecture,
    volumeSize: source.volumeSize,
    tags,
    snapshotTags: specTags(params, 'snapshot'),
    volumeId: 'vol-ffffffff',
    sourceImageId: source.id,
    sourceRegion: sourceRegion.name,
    waitFor: async () => {
      while (
        source.state === 'pending' &&
        sourceRegion.images.get(source.id) === source &&
        !service.closing
      ) {
        await service.wait(100);
      }
      if (sourceRegion.images.get(source.id) !== source)
        throw new Error(`source image ${source.id} was deregistered`);
      if (source.state !== 'available') throw new Error(`source image ${source.id} is ${source.state}`);
    },
    capture: (target) => {
      const snapshot = sourceRegion.snapshots.get(source.rootSnapshotId);
      if (!snapshot) throw new Error(`snapshot ${source.rootSnapshotId} of ${source.id} is gone`);
      return service.backend.captureDisk(snapshot.disk, target, { live: false });
    },
  });
  return { imageId: image.id };
};

const deregisterImage: Action = (service, region, params) => {
  const image = service.image(region, params.required('ImageId'));
  region.images.delete(image.id);
  return { return: true };
};

function readPermissions(params: QueryParams | undefined): LaunchPermission[] {
  return (params?.structs('Add') ?? []).map((p) => ({
    userId: p.string('UserId'),
    group: p.string('Group'),
  }));
}

function applyPermissions(
  list: LaunchPermission[],
  add: LaunchPermission[],
  remove: LaunchPermission[],
): void {
  const same = (a: LaunchPermission, b: LaunchPermission) => a.userId === b.userId && a.group === b.group;
  for (const p of add) if (!list.some((q) => same(p, q))) list.push(p);
  for (const p of remove) {
    const i = list.findIndex((q) => same(p, q));
    if (i >= 0) list.splice(i, 1);
  }
}

/** Both forms: `LaunchPermission.Add.N.*` and `UserId.N`/`UserGroup.N` with `OperationType`. */
export function permissionChanges(
  params: QueryParams,
  structName: string,
  groupListName: string,
): { add: LaunchPermission[]; remove: LaunchPermission[] } {
  const struct = params.struct(structName);
  const add: LaunchPermission[] = readPermissions(struct);
  const remove: LaunchPermission[] = (struct?.structs('Remove') ?? []).map((p) => ({
    userId: p.string('UserId'),
    group: p.string('Group'),
  }));
  const flat = [
    ...params.strings('UserId').map((userId) => ({ userId })),
    ...params.strings(groupListName).map((group) => ({ group })),
  ];
  if (params.string('OperationType') === 'remove') remove.push(...flat);
  else add.push(...flat);
  return { add, remove };
}

const modifyImageAttribute: Action = (service, region, params) => {
  const image = service.image(region, params.required('ImageId'));
  const description = params.struct('Description')?.string('Value');
  if (description !== undefined) image.description = description;
  if (params.string('Attribute') === 'description' && params.string('Value') !== undefined) {
    image.description = params.string('Value');
  }
  const { add, remove } = permissionChanges(params, 'LaunchPermission', 'UserGroup');
  applyPermissions(image.launchPermissions, add, remove);
  image.isPublic = image.launchPermissions.some((p) => p.group === 'all');
  return { return: true };
};

const describeImageAttribute: Action = (service, region, params) => {
  const image = service.image(region, params.required('ImageId'));
  const attribute = params.required('Attribute');
  switch (attribute) {
    case 'launchPermission':
      return { imageId: image.id, launchPermission: image.launchPermissions.map((p) => ({ ...p })) };
    case 'description':
      return { imageId: image.id, description: { value: image.description } };
    case 'blockDeviceMapping':
      return {
        imageId: image.id,
        blockDeviceMapping: [
          {
            deviceName: image.rootDeviceName,
            ebs: { snapshotId: image.rootSnapshotId, volumeSize: image.volumeSize },
          },
        ],
      };
    default:
      throw new Ec2Error('InvalidRequest', `attribute ${attribute} is not supported by this endpoint`);
  }
};

const enableImageDeprecation: Action = (service, region, params) => {
  const image = service.image(region, params.required('ImageId'));
  const at = new Date(params.required('DeprecateAt'));
  if (Number.isNaN(at.getTime())) throw new Ec2Error('InvalidParameterValue', 'DeprecateAt is not a date');
  image.deprecationTime = at;
  return { return: true };
};

const disableImageDeprecation: Action = (service, region, params) => {
  service.image(region, params.required('ImageId')).deprecationTime = undefined;
  return { return: true };
};

export function imageUsingSnapshot(region: RegionState, snapshotId: string): ImageRecord | undefined {
  return [...region.images.values()].find((image) => image.rootSnapshotId === snapshotId);
}

export const imageActions: Record<string, Action> = {
  DescribeImages: describeImages,
  CreateImage: createImage,
  CopyImage: copyImage,
  DeregisterImage: deregisterImage,
  ModifyImageAttribute: modifyImageAttribute,
  DescribeImageAttribute: describeImageAttribute,
  EnableImageDeprecation: enableImageDeprecation,
  DisableImageDeprecation: disableImageDeprecation,
};
