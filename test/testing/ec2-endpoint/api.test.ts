/**
 * The endpoint through the real @aws-sdk/client-ec2 over HTTP, with the fake backend (no VMs): the
 * calls the amazon-ebs builder makes, their replies' fields, states moving on, and EC2's error codes.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import {
  AuthorizeSecurityGroupIngressCommand,
  CopyImageCommand,
  CreateImageCommand,
  CreateKeyPairCommand,
  CreateSecurityGroupCommand,
  CreateTagsCommand,
  DeleteKeyPairCommand,
  DeleteSecurityGroupCommand,
  DeleteSnapshotCommand,
  DeregisterImageCommand,
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeInstanceStatusCommand,
  DescribeKeyPairsCommand,
  DescribeRegionsCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  type EC2Client,
  ImportKeyPairCommand,
  type Instance,
  ModifyImageAttributeCommand,
  RunInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { errorCode, type FakeEndpoint, startFakeEndpoint, waitUntil } from './helpers.js';

describe('EC2 endpoint API (fake backend, real SDK)', () => {
  let f: FakeEndpoint;
  let ec2: EC2Client;
  let baseAmi: string;
  before(async () => {
    f = await startFakeEndpoint();
    ec2 = f.client('us-east-1');
    const images = await ec2.send(
      new DescribeImagesCommand({ Filters: [{ Name: 'name', Values: ['imgbuild-*'] }] }),
    );
    baseAmi = images.Images![0]!.ImageId!;
  });
  after(() => f.close());

  const instance = async (id: string): Promise<Instance> =>
    (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }))).Reservations![0]!.Instances![0]!;
  const image = async (id: string, client = ec2) =>
    (await client.send(new DescribeImagesCommand({ ImageIds: [id] }))).Images![0]!;

  test('DescribeImages: the base AMI, by filter and owner; unknown ids are InvalidAMIID.NotFound', async () => {
    const byOwner = await ec2.send(new DescribeImagesCommand({ Owners: ['self'] }));
    assert.deepEqual(
      byOwner.Images!.map((i) => [i.Name, i.State, i.RootDeviceType, i.VirtualizationType, i.Architecture]),
      [['imgbuild-tiny-base', 'available', 'ebs', 'hvm', 'x86_64']],
    );
    const img = byOwner.Images![0]!;
    assert.match(img.ImageId!, /^ami-[0-9a-f]{17}$/);
    assert.match(img.BlockDeviceMappings![0]!.Ebs!.SnapshotId!, /^snap-[0-9a-f]{17}$/);
    assert.deepEqual(img.Tags, [{ Key: 'kind', Value: 'tiny' }]);
    assert.ok(!Number.isNaN(Date.parse(img.CreationDate!)));
    const none = await ec2.send(
      new DescribeImagesCommand({ Filters: [{ Name: 'name', Values: ['nothing-*'] }] }),
    );
    assert.deepEqual(none.Images, []);
    assert.equal(
      await errorCode(ec2.send(new DescribeImagesCommand({ ImageIds: ['ami-0000000000000000f'] }))),
      'InvalidAMIID.NotFound',
    );
    assert.equal(
      await errorCode(
        ec2.send(new DescribeImagesCommand({ Filters: [{ Name: 'no-such-filter', Values: ['x'] }] })),
      ),
      'InvalidParameterValue',
    );
  });

  test('key pairs: created (ed25519 OpenSSH, rsa PEM) and imported; duplicates refused; delete is idempotent', async () => {
    const ed = await ec2.send(new CreateKeyPairCommand({ KeyName: 'packer_1', KeyType: 'ed25519' }));
    assert.match(ed.KeyMaterial!, /^-----BEGIN OPENSSH PRIVATE KEY-----\n/);
    assert.match(ed.KeyPairId!, /^key-[0-9a-f]{17}$/);
    const rsa = await ec2.send(new CreateKeyPairCommand({ KeyName: 'packer_2' }));
    assert.match(rsa.KeyMaterial!, /^-----BEGIN RSA PRIVATE KEY-----\n/);
    assert.match(rsa.KeyFingerprint!, /^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
    assert.equal(
      await errorCode(ec2.send(new CreateKeyPairCommand({ KeyName: 'packer_1' }))),
      'InvalidKeyPair.Duplicate',
    );
    const line = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBCJsimhQVPfhQYvhAg5VDVmVzeAdOP9SwGYbnmjQZmT test';
    await ec2.send(new ImportKeyPairCommand({ KeyName: 'imported', PublicKeyMaterial: Buffer.from(line) }));
    assert.equal(
      await errorCode(
        ec2.send(new ImportKeyPairCommand({ KeyName: 'bad', PublicKeyMaterial: Buffer.from('not a key') })),
      ),
      'InvalidKey.Format',
    );
    const described = await ec2.send(
      new DescribeKeyPairsCommand({ KeyNames: ['imported'], IncludePublicKey: true }),
    );
    assert.equal(described.KeyPairs![0]!.PublicKey, line);
    assert.equal(described.KeyPairs![0]!.KeyType, 'ed25519');
    for (const name of ['packer_1', 'packer_2', 'imported', 'never-existed']) {
      await ec2.send(new DeleteKeyPairCommand({ KeyName: name }));
    }
    assert.equal(
      await errorCode(ec2.send(new DescribeKeyPairsCommand({ KeyNames: ['packer_1'] }))),
      'InvalidKeyPair.NotFound',
    );
  });

  test('network: default VPC and subnet, regions', async () => {
    const vpcs = await ec2.send(
      new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }),
    );
    assert.equal(vpcs.Vpcs!.length, 1);
    const subnets = await ec2.send(
      new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcs.Vpcs![0]!.VpcId!] }] }),
    );
    assert.equal(subnets.Subnets![0]!.AvailabilityZone, 'us-east-1a');
    const regions = await ec2.send(new DescribeRegionsCommand({}));
    assert.deepEqual(regions.Regions!.map((r) => r.RegionName).sort(), [
      'eu-west-1',
      'us-east-1',
      'us-west-2',
    ]);
  });

  test('a build’s life: key, group, instance pending→running→stopped, image pending→available, tags, copy, cleanup', async () => {
    const key = await ec2.send(new CreateKeyPairCommand({ KeyName: 'packer_build', KeyType: 'ed25519' }));
    const sg = await ec2.send(
      new CreateSecurityGroupCommand({ GroupName: 'packer_sg', Description: 'Temporary group for Packer' }),
    );
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: sg.GroupId,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      }),
    );
    const group = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [sg.GroupId!] })))
      .SecurityGroups![0]!;
    assert.deepEqual(group.IpPermissions![0]!.IpRanges, [{ CidrIp: '0.0.0.0/0' }]);

    const run = await ec2.send(
      new RunInstancesCommand({
        ImageId: baseAmi,
        InstanceType: 't3.micro',
        MinCount: 1,
        MaxCount: 1,
        KeyName: 'packer_build',
        SecurityGroupIds: [sg.GroupId!],
        UserData: Buffer.from('#!/bin/sh\necho hi\n').toString('base64'),
        TagSpecifications: [
          { ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'Packer Builder' }] },
          { ResourceType: 'volume', Tags: [{ Key: 'vol', Value: '1' }] },
        ],
      }),
    );
    const id = run.Instances![0]!.InstanceId!;
    assert.equal(run.Instances![0]!.State!.Name, 'pending');
    const running = await waitUntil(
      () => instance(id),
      (i) => i.State!.Name === 'running',
    );
    assert.match(running.PublicIpAddress!, /^127\.\d+\.\d+\.\d+$/);
    assert.equal(running.PrivateIpAddress, '10.0.2.15');
    assert.ok(running.VpcId?.startsWith('vpc-'));
    assert.deepEqual(running.Tags, [{ Key: 'Name', Value: 'Packer Builder' }]);
    // The machine was given the key pair's public key and the user data.
    const launch = f.backend.launches.at(-1)!;
    assert.equal(launch.sshAddress, running.PublicIpAddress);
    assert.equal(launch.authorizedKeys.length, 1);
    assert.match(launch.authorizedKeys[0]!, /^ssh-ed25519 /);
    assert.equal(launch.userData?.toString(), '#!/bin/sh\necho hi\n');
    assert.ok(key.KeyMaterial);
    const status = await ec2.send(new DescribeInstanceStatusCommand({ InstanceIds: [id] }));
    assert.equal(status.InstanceStatuses![0]!.InstanceStatus!.Status, 'ok');
    // A group in use cannot go.
    assert.equal(
      await errorCode(ec2.send(new DeleteSecurityGroupCommand({ GroupId: sg.GroupId }))),
      'DependencyViolation',
    );

    const stop = await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    assert.deepEqual(
      [stop.StoppingInstances![0]!.PreviousState!.Name, stop.StoppingInstances![0]!.CurrentState!.Name],
      ['running', 'stopping'],
    );
    await waitUntil(
      () => instance(id),
      (i) => i.State!.Name === 'stopped',
    );

    const created = await ec2.send(
      new CreateImageCommand({
        InstanceId: id,
        Name: 'golden 1',
        Description: 'd',
        TagSpecifications: [{ ResourceType: 'snapshot', Tags: [{ Key: 'snap', Value: 'yes' }] }],
      }),
    );
    const amiId = created.ImageId!;
    assert.equal((await image(amiId)).State, 'pending');
    assert.equal(
      await errorCode(ec2.send(new CreateImageCommand({ InstanceId: id, Name: 'golden 1' }))),
      'InvalidAMIName.Duplicate',
    );
    const available = await waitUntil(
      () => image(amiId),
      (i) => i.State === 'available',
    );
    assert.equal(available.Description, 'd');
    assert.equal(available.SourceInstanceId, id);
    const snapId = available.BlockDeviceMappings![0]!.Ebs!.SnapshotId!;
    await ec2.send(
      new CreateTagsCommand({ Resources: [amiId, snapId], Tags: [{ Key: 'OS', Value: 'tiny' }] }),
    );
    const snap = (await ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: [snapId] }))).Snapshots![0]!;
    assert.equal(snap.State, 'completed');
    assert.deepEqual(snap.Tags!.map((t) => `${t.Key}=${t.Value}`).sort(), ['OS=tiny', 'snap=yes']);
    // The snapshot holds the instance's disk (the fake backend copies files).
    const region = f.endpoint.region('us-east-1');
    assert.equal(await readFile(region.snapshots.get(snapId)!.disk, 'utf8'), 'base image bytes\n');

    await ec2.send(
      new ModifyImageAttributeCommand({
        ImageId: amiId,
        LaunchPermission: { Add: [{ UserId: '210987654321' }] },
      }),
    );
    const attr = await ec2.send(
      new DescribeImageAttributeCommand({ ImageId: amiId, Attribute: 'launchPermission' }),
    );
    assert.deepEqual(attr.LaunchPermissions, [{ UserId: '210987654321' }]);

    // Copy to a second region: a new id there, the tags copied, its own snapshot.
    const west = f.client('eu-west-1');
    const copy = await west.send(
      new CopyImageCommand({
        SourceImageId: amiId,
        SourceRegion: 'us-east-1',
        Name: 'golden 1',
        CopyImageTags: true,
      }),
    );
    const copied = await waitUntil(
      () => image(copy.ImageId!, west),
      (i) => i.State === 'available',
    );
    assert.notEqual(copied.ImageId, amiId);
    assert.deepEqual(copied.Tags, [{ Key: 'OS', Value: 'tiny' }]);
    assert.notEqual(copied.BlockDeviceMappings![0]!.Ebs!.SnapshotId, snapId);
    assert.equal(
      await errorCode(ec2.send(new DescribeImagesCommand({ ImageIds: [copy.ImageId!] }))),
      'InvalidAMIID.NotFound',
    );

    // Cleanup as the builder does it; the snapshot cannot go before its image.
    assert.equal(
      await errorCode(ec2.send(new DeleteSnapshotCommand({ SnapshotId: snapId }))),
      'InvalidSnapshot.InUse',
    );
    const term = await ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    assert.equal(term.TerminatingInstances![0]!.CurrentState!.Name, 'shutting-down');
    const gone = await waitUntil(
      () => instance(id),
      (i) => i.State!.Name === 'terminated',
    );
    assert.equal(gone.PublicIpAddress, undefined);
    await ec2.send(new DeleteSecurityGroupCommand({ GroupId: sg.GroupId }));
    await ec2.send(new DeleteKeyPairCommand({ KeyName: 'packer_build' }));
    await ec2.send(new DeregisterImageCommand({ ImageId: amiId }));
    await ec2.send(new DeleteSnapshotCommand({ SnapshotId: snapId }));
    const westImage = await image(copy.ImageId!, west);
    await west.send(new DeregisterImageCommand({ ImageId: westImage.ImageId }));
    await west.send(
      new DeleteSnapshotCommand({ SnapshotId: westImage.BlockDeviceMappings![0]!.Ebs!.SnapshotId }),
    );
    const empty = { instances: [], keyPairs: [], securityGroups: [], images: [], snapshots: [] };
    assert.deepEqual(f.endpoint.resources('us-east-1'), empty);
    assert.deepEqual(f.endpoint.resources('eu-west-1'), empty);
    assert.deepEqual(f.backend.running(), []);
  });

  test('errors: unknown action, unsigned request, bad instance id', async () => {
    const unsigned = await fetch(f.endpoint.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=DescribeImages&Version=2016-11-15',
    });
    assert.equal(unsigned.status, 401);
    assert.match(await unsigned.text(), /<Code>AuthFailure<\/Code>/);
    assert.equal(
      await errorCode(ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0000000000000000f'] }))),
      'InvalidInstanceID.NotFound',
    );
    assert.equal(
      await errorCode(ec2.send(new StopInstancesCommand({ InstanceIds: ['i-0000000000000000f'] }))),
      'InvalidInstanceID.NotFound',
    );
    assert.equal(
      await errorCode(
        ec2.send(new RunInstancesCommand({ ImageId: baseAmi, MinCount: 1, MaxCount: 1, KeyName: 'nope' })),
      ),
      'InvalidKeyPair.NotFound',
    );
  });
});
