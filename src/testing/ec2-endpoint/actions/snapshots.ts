/** EBS snapshots: the disks behind AMIs. */
import { Ec2Error } from '../errors.js';
import { matchesFilters, readFilters } from '../filters.js';
import type { LaunchPermission, SnapshotRecord } from '../model.js';
import { tagSet } from '../model.js';
import type { Action } from './action.js';
import { imageUsingSnapshot, permissionChanges } from './images.js';

function snapshotXml(snapshot: SnapshotRecord) {
  return {
    snapshotId: snapshot.id,
    volumeId: snapshot.volumeId,
    status: snapshot.state,
    startTime: snapshot.startTime.toISOString(),
    progress: snapshot.state === 'completed' ? '100%' : '0%',
    ownerId: snapshot.ownerId,
    volumeSize: snapshot.volumeSize,
    description: snapshot.description,
    encrypted: snapshot.kmsKeyId !== undefined,
    kmsKeyId: snapshot.kmsKeyId,
    storageTier: 'standard',
    tagSet: tagSet(snapshot.tags),
  };
}

const describeSnapshots: Action = (service, region, params) => {
  const ids = params.strings('SnapshotId');
  const owners = params.strings('Owner').map((o) => (o === 'self' ? service.accountId : o));
  const filters = readFilters(params);
  const wanted =
    ids.length > 0 ? ids.map((id) => service.snapshot(region, id)) : [...region.snapshots.values()];
  const snapshots = wanted.filter(
    (s) =>
      service.visible(s) &&
      (owners.length === 0 || owners.includes(s.ownerId)) &&
      matchesFilters(filters, s.tags, {
        'snapshot-id': s.id,
        'volume-id': s.volumeId,
        status: s.state,
        'owner-id': s.ownerId,
        description: s.description,
        'volume-size': String(s.volumeSize),
      }),
  );
  return { snapshotSet: snapshots.map(snapshotXml) };
};

const deleteSnapshot: Action = async (service, region, params) => {
  const snapshot = service.snapshot(region, params.required('SnapshotId'));
  const image = imageUsingSnapshot(region, snapshot.id);
  if (image) {
    throw new Ec2Error(
      'InvalidSnapshot.InUse',
      `The snapshot ${snapshot.id} is currently in use by ${image.id}`,
    );
  }
  region.snapshots.delete(snapshot.id);
  if (!snapshot.external) await service.backend.deleteDisk(snapshot.disk);
  return { return: true };
};

const modifySnapshotAttribute: Action = (service, region, params) => {
  const snapshot = service.snapshot(region, params.required('SnapshotId'));
  const { add, remove } = permissionChanges(params, 'CreateVolumePermission', 'UserGroup');
  for (const group of params.strings('GroupName')) {
    (params.string('OperationType') === 'remove' ? remove : add).push({ group });
  }
  const list: LaunchPermission[] = snapshot.createVolumePermissions;
  const same = (a: LaunchPermission, b: LaunchPermission) => a.userId === b.userId && a.group === b.group;
  for (const p of add) if (!list.some((q) => same(p, q))) list.push(p);
  for (const p of remove) {
    const i = list.findIndex((q) => same(p, q));
    if (i >= 0) list.splice(i, 1);
  }
  return { return: true };
};

const describeSnapshotAttribute: Action = (service, region, params) => {
  const snapshot = service.snapshot(region, params.required('SnapshotId'));
  return {
    snapshotId: snapshot.id,
    createVolumePermission: snapshot.createVolumePermissions.map((p) => ({ ...p })),
  };
};

export const snapshotActions: Record<string, Action> = {
  DescribeSnapshots: describeSnapshots,
  DeleteSnapshot: deleteSnapshot,
  ModifySnapshotAttribute: modifySnapshotAttribute,
  DescribeSnapshotAttribute: describeSnapshotAttribute,
};
