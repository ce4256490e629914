/** Image and snapshot attributes, deprecation and tag removal, through the real SDK. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  CreateImageCommand,
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeSnapshotAttributeCommand,
  type EC2Client,
  EnableImageDeprecationCommand,
  type Image,
  ModifyImageAttributeCommand,
  ModifySnapshotAttributeCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { type FakeEndpoint, startFakeEndpoint, waitUntil } from './helpers.js';

let f: FakeEndpoint;
let ec2: EC2Client;
let image: Image;
before(async () => {
  f = await startFakeEndpoint();
  ec2 = f.client();
  const base = (await ec2.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images![0]!.ImageId;
  const run = await ec2.send(new RunInstancesCommand({ ImageId: base, MinCount: 1, MaxCount: 1 }));
  const id = run.Instances![0]!.InstanceId!;
  await waitUntil(
    () => ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] })),
    (r) => r.Reservations![0]!.Instances![0]!.State!.Name === 'running',
  );
  const created = await ec2.send(new CreateImageCommand({ InstanceId: id, Name: 'attrs' }));
  image = await waitUntil(
    () => ec2.send(new DescribeImagesCommand({ ImageIds: [created.ImageId!] })).then((r) => r.Images![0]!),
    (i) => i.State === 'available',
  );
});
after(() => f.close());

test('launch permissions in both request forms; group all makes the image public; remove takes them back', async () => {
  assert.equal(image.Public, false);
  await ec2.send(
    new ModifyImageAttributeCommand({
      ImageId: image.ImageId,
      LaunchPermission: { Add: [{ UserId: '111111111111' }] },
    }),
  );
  await ec2.send(
    new ModifyImageAttributeCommand({
      ImageId: image.ImageId,
      Attribute: 'launchPermission',
      OperationType: 'add',
      UserGroups: ['all'],
      UserIds: ['222222222222'],
    }),
  );
  const attr = await ec2.send(
    new DescribeImageAttributeCommand({ ImageId: image.ImageId, Attribute: 'launchPermission' }),
  );
  assert.deepEqual(attr.LaunchPermissions, [
    { UserId: '111111111111' },
    { UserId: '222222222222' },
    { Group: 'all' },
  ]);
  assert.equal(
    (await ec2.send(new DescribeImagesCommand({ ImageIds: [image.ImageId!] }))).Images![0]!.Public,
    true,
  );
  await ec2.send(
    new ModifyImageAttributeCommand({
      ImageId: image.ImageId,
      LaunchPermission: { Remove: [{ Group: 'all' }] },
    }),
  );
  assert.equal(
    (await ec2.send(new DescribeImagesCommand({ ImageIds: [image.ImageId!] }))).Images![0]!.Public,
    false,
  );
  await ec2.send(
    new ModifyImageAttributeCommand({ ImageId: image.ImageId, Description: { Value: 'new text' } }),
  );
  const description = await ec2.send(
    new DescribeImageAttributeCommand({ ImageId: image.ImageId, Attribute: 'description' }),
  );
  assert.equal(description.Description?.Value, 'new text');
});

test('snapshot createVolumePermission: Packer’s form and the flat form', async () => {
  const snapshotId = image.BlockDeviceMappings![0]!.Ebs!.SnapshotId!;
  await ec2.send(
    new ModifySnapshotAttributeCommand({
      SnapshotId: snapshotId,
      CreateVolumePermission: { Add: [{ UserId: '333333333333' }] },
    }),
  );
  await ec2.send(
    new ModifySnapshotAttributeCommand({
      SnapshotId: snapshotId,
      Attribute: 'createVolumePermission',
      OperationType: 'add',
      GroupNames: ['all'],
    }),
  );
  const attr = await ec2.send(
    new DescribeSnapshotAttributeCommand({ SnapshotId: snapshotId, Attribute: 'createVolumePermission' }),
  );
  assert.deepEqual(attr.CreateVolumePermissions, [{ UserId: '333333333333' }, { Group: 'all' }]);
});

test('deprecation time, and DeleteTags by key or by key and value', async () => {
  const at = new Date('2030-01-02T03:04:05.000Z');
  await ec2.send(new EnableImageDeprecationCommand({ ImageId: image.ImageId, DeprecateAt: at }));
  const described = (await ec2.send(new DescribeImagesCommand({ ImageIds: [image.ImageId!] }))).Images![0]!;
  assert.equal(described.DeprecationTime, at.toISOString());
  await ec2.send(
    new CreateTagsCommand({
      Resources: [image.ImageId!],
      Tags: [
        { Key: 'a', Value: '1' },
        { Key: 'b', Value: '2' },
        { Key: 'c', Value: '3' },
      ],
    }),
  );
  await ec2.send(
    new DeleteTagsCommand({
      Resources: [image.ImageId!],
      Tags: [{ Key: 'a' }, { Key: 'b', Value: 'not-2' }, { Key: 'c', Value: '3' }],
    }),
  );
  const tags = (await ec2.send(new DescribeImagesCommand({ ImageIds: [image.ImageId!] }))).Images![0]!.Tags;
  assert.deepEqual(tags, [{ Key: 'b', Value: '2' }]);
});
