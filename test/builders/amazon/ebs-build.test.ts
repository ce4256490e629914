/**
 * The amazon-ebs builder end to end in-process, against the local EC2 endpoint through the real SDK
 * (fake backend: instances without VMs, `communicator = "none"`): the AMI, its tags and snapshot tags,
 * the copy to a second region, permissions and the artifact; and afterwards nothing of the build left.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateSecurityGroupCommand,
  DeleteSecurityGroupCommand,
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeSnapshotsCommand,
} from '@aws-sdk/client-ec2';
import { type FakeEndpoint, startFakeEndpoint } from '../../testing/ec2-endpoint/helpers.js';
import { ebsConfig, leftovers, runEbsBuild } from './helpers.js';

describe('amazon-ebs build against the local endpoint', () => {
  let ec2: FakeEndpoint;
  before(async () => {
    ec2 = await startFakeEndpoint();
  });
  after(async () => {
    await ec2?.close();
  });

  it('makes the AMI with its tags and snapshot tags, copies it to a second region, leaves only the AMIs', async () => {
    const result = await runEbsBuild(
      ebsConfig(ec2.endpoint, {
        ami_name: 'web-1',
        ami_description: 'built from {{ .SourceAMIName }}',
        ami_regions: ['eu-west-1'],
        ami_users: ['210987654321'],
        tags: { Name: 'web', Base: '{{ .SourceAMI }}' },
        tag: [{ key: 'Team', value: 'infra' }],
        snapshot_tags: { Kind: 'root-disk' },
        run_tags: { Purpose: 'build' },
      }),
    );
    assert.equal(result.error, undefined, String((result.error as Error)?.stack));
    const artifact = result.artifact!;
    assert.equal(artifact.builderId, 'mitchellh.amazonebs');
    const ids = Object.fromEntries(artifact.id.split(',').map((p) => p.split(':') as [string, string]));
    assert.deepEqual(Object.keys(ids), ['eu-west-1', 'us-east-1']);
    assert.equal(
      artifact.describe(),
      `AMIs were created:\neu-west-1: ${ids['eu-west-1']}\nus-east-1: ${ids['us-east-1']}\n`,
    );

    const east = ec2.client('us-east-1');
    const base = (
      await east.send(
        new DescribeImagesCommand({ Filters: [{ Name: 'name', Values: ['imgbuild-tiny-base'] }] }),
      )
    ).Images![0]!;
    for (const region of ['us-east-1', 'eu-west-1']) {
      const client = ec2.client(region);
      const image = (await client.send(new DescribeImagesCommand({ ImageIds: [ids[region]!] }))).Images![0]!;
      assert.equal(image.Name, 'web-1');
      assert.equal(image.State, 'available');
      const tags = Object.fromEntries((image.Tags ?? []).map((t) => [t.Key, t.Value]));
      assert.equal(tags.Name, 'web');
      assert.equal(tags.Team, 'infra');
      assert.equal(tags.Base, base.ImageId, 'tag templates see the source AMI');
      assert.equal(tags['imgbuild-run-id'], 'test-run');
      const snapIds = image.BlockDeviceMappings!.map((m) => m.Ebs!.SnapshotId!);
      assert.equal(snapIds.length, 1);
      const snap = (await client.send(new DescribeSnapshotsCommand({ SnapshotIds: snapIds }))).Snapshots![0]!;
      const snapTags = Object.fromEntries((snap.Tags ?? []).map((t) => [t.Key, t.Value]));
      assert.equal(snapTags.Kind, 'root-disk');
      assert.equal(snapTags.Name, 'web', 'AMI tags go on the snapshots too');
      const perms = await client.send(
        new DescribeImageAttributeCommand({ ImageId: ids[region], Attribute: 'launchPermission' }),
      );
      assert.deepEqual(
        perms.LaunchPermissions?.map((p) => p.UserId),
        ['210987654321'],
      );
      const description = await client.send(
        new DescribeImageAttributeCommand({ ImageId: ids[region], Attribute: 'description' }),
      );
      assert.equal(description.Description?.Value, 'built from imgbuild-tiny-base');
    }

    // Only the two AMIs and their snapshots remain: no instance, key pair or security group.
    assert.deepEqual(leftovers(ec2.endpoint), {
      'us-east-1': { images: [ids['us-east-1']], snapshots: [expect1(ec2, 'us-east-1')] },
      'eu-west-1': { images: [ids['eu-west-1']], snapshots: [expect1(ec2, 'eu-west-1')] },
    });
    // The ledger: everything released, the AMIs kept.
    assert.deepEqual(result.ledger.outstanding(), []);
    const kept = result.journal.filter((r) => r.t === 'keep').length;
    assert.equal(kept, 2);

    const says = result.ui.lines.filter((l) => l.startsWith('say: ')).map((l) => l.slice(5));
    const expected = [
      'Prevalidating any provided VPC information',
      'Prevalidating AMI Name: web-1',
      'Not using temporary keypair',
      'Launching a source AWS instance...',
      'Stopping the source instance...',
      'Waiting for the instance to stop...',
      'Creating AMI web-1 from instance',
      'Waiting for AMI to become ready...',
      'Copying/Encrypting AMI',
      `Modifying attributes on AMI (${ids['us-east-1']})...`,
      `Adding tags to AMI (${ids['us-east-1']})...`,
      'Terminating the source AWS instance...',
      'Deleting temporary security group...',
      'EC2 API:',
    ];
    let at = 0;
    for (const line of expected) {
      const found = says.findIndex((s, i) => i >= at && s.startsWith(line));
      assert.ok(found >= 0, `"${line}" after line ${at} in:\n${says.join('\n')}`);
      at = found + 1;
    }
    assert.ok(result.ui.lines.includes('message: Adding tag: "Purpose": "build"'));
    await artifact.destroy();
    assert.deepEqual(leftovers(ec2.endpoint), {});
  });

  it("encrypt_boot: an unencrypted AMI under a temporary name, encrypted copies with each region's key, the temporary gone", async () => {
    const result = await runEbsBuild(
      ebsConfig(ec2.endpoint, {
        ami_name: 'web-encrypted',
        ami_regions: ['eu-west-1'],
        encrypt_boot: true,
        kms_key_id: 'alias/build-key',
        region_kms_key_ids: { 'eu-west-1': 'alias/copy-key' },
      }),
    );
    assert.equal(result.error, undefined, String((result.error as Error)?.stack));
    const ids = Object.fromEntries(
      result.artifact!.id.split(',').map((p) => p.split(':') as [string, string]),
    );
    assert.deepEqual(Object.keys(ids), ['eu-west-1', 'us-east-1']);
    const says = result.ui.lines.filter((l) => l.startsWith('say: ')).map((l) => l.slice(5));
    const temporary = says.find((l) => l.startsWith('Creating AMI '))!.split(' ')[2]!;
    assert.match(temporary, /^[A-Za-z0-9]{7}$/, 'the first AMI has a temporary name, as in Packer');
    assert.ok(says.includes('Deregistering the AMI and deleting unencrypted temporary AMIs and snapshots'));
    for (const [region, key] of [
      ['us-east-1', 'alias/build-key'],
      ['eu-west-1', 'alias/copy-key'],
    ] as const) {
      const client = ec2.client(region);
      const image = (await client.send(new DescribeImagesCommand({ ImageIds: [ids[region]!] }))).Images![0]!;
      assert.equal(image.Name, 'web-encrypted');
      const ebs = image.BlockDeviceMappings![0]!.Ebs!;
      assert.equal(ebs.Encrypted, true);
      assert.equal(ebs.KmsKeyId, key);
      const snap = (await client.send(new DescribeSnapshotsCommand({ SnapshotIds: [ebs.SnapshotId!] })))
        .Snapshots![0]!;
      assert.deepEqual([snap.Encrypted, snap.KmsKeyId], [true, key]);
    }
    const byName = await ec2
      .client('us-east-1')
      .send(new DescribeImagesCommand({ Filters: [{ Name: 'name', Values: [temporary] }] }));
    assert.deepEqual(byName.Images, [], 'the unencrypted temporary AMI is deregistered');
    assert.deepEqual(leftovers(ec2.endpoint), {
      'us-east-1': { images: [ids['us-east-1']], snapshots: [expect1(ec2, 'us-east-1')] },
      'eu-west-1': { images: [ids['eu-west-1']], snapshots: [expect1(ec2, 'eu-west-1')] },
    });
    assert.deepEqual(result.ledger.outstanding(), []);
    await result.artifact!.destroy();
    assert.deepEqual(leftovers(ec2.endpoint), {});
  });

  it('refuses an AMI name already taken, before creating anything', async () => {
    const first = await runEbsBuild(ebsConfig(ec2.endpoint, { ami_name: 'taken' }));
    assert.equal(first.error, undefined);
    const before = ec2.endpoint.callCount('CreateSecurityGroup');
    const second = await runEbsBuild(ebsConfig(ec2.endpoint, { ami_name: 'taken' }));
    assert.match(String(second.error), /Error: AMI Name: 'taken' is used by an existing AMI: ami-/);
    assert.equal(ec2.endpoint.callCount('CreateSecurityGroup'), before);
    // force_deregister replaces it, deleting its snapshot with force_delete_snapshot.
    const old = first.artifact!.id.split(':')[1];
    const third = await runEbsBuild(
      ebsConfig(ec2.endpoint, { ami_name: 'taken', force_deregister: true, force_delete_snapshot: true }),
    );
    assert.equal(third.error, undefined);
    assert.ok(third.ui.lines.includes(`say: Deregistered AMI taken, id: ${old}`), third.ui.lines.join('\n'));
    await third.artifact!.destroy();
    assert.deepEqual(leftovers(ec2.endpoint), {});
  });

  it('finds the VPC and subnet by filter and uses security groups found by filter', async () => {
    const east = ec2.client('us-east-1');
    const sg = await east.send(new CreateSecurityGroupCommand({ GroupName: 'web-sg', Description: 'mine' }));
    const creates = ec2.endpoint.callCount('CreateSecurityGroup');
    const result = await runEbsBuild(
      ebsConfig(ec2.endpoint, {
        ami_name: 'by-filters',
        vpc_filter: { filters: { 'is-default': 'true' } },
        subnet_filter: { filter: [{ name: 'default-for-az', value: 'true' }], most_free: true },
        security_group_filter: { filters: { 'group-name': 'web-sg' } },
      }),
    );
    assert.equal(result.error, undefined, String(result.error));
    const found = (prefix: string) =>
      result.ui.lines.find((l) => l.startsWith(`message: ${prefix}`))?.slice(`message: ${prefix}`.length);
    const vpc = found('Found VPC ID: ');
    const subnet = found('Found Subnet ID: ');
    assert.match(vpc ?? '', /^vpc-/);
    assert.match(subnet ?? '', /^subnet-/);
    assert.equal(found('Found Security Group(s): '), sg.GroupId);
    assert.equal(ec2.endpoint.callCount('CreateSecurityGroup'), creates, 'no temporary group');
    const instanceId = found('Instance ID: ')!;
    const instance = (await east.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] })))
      .Reservations![0]!.Instances![0]!;
    assert.equal(instance.SubnetId, subnet);
    assert.deepEqual(
      instance.SecurityGroups?.map((g) => g.GroupId),
      [sg.GroupId],
    );
    await result.artifact!.destroy();
    // The user's group is theirs: still there.
    assert.deepEqual(leftovers(ec2.endpoint), { 'us-east-1': { securityGroups: [sg.GroupId] } });
    await east.send(new DeleteSecurityGroupCommand({ GroupId: sg.GroupId }));

    const none = await runEbsBuild(
      ebsConfig(ec2.endpoint, {
        ami_name: 'no-subnet',
        subnet_filter: { filters: { 'cidr-block': '10.99.0.0/16' } },
      }),
    );
    assert.match(String(none.error), /No Subnets was found matching filters: .*cidr-block/);
    assert.deepEqual(leftovers(ec2.endpoint), {});
  });

  it('refuses an ami_regions entry that does not exist before creating anything (skip_region_validation skips)', async () => {
    const runs = ec2.endpoint.callCount('RunInstances');
    const bad = await runEbsBuild(ebsConfig(ec2.endpoint, { ami_name: 'typo', ami_regions: ['eu-west-9'] }));
    assert.equal(
      (bad.error as Error).message,
      'error validating regions: Invalid region(s): [eu-west-9], available regions: [us-east-1 us-west-2 eu-west-1]',
    );
    assert.equal(ec2.endpoint.callCount('RunInstances'), runs);
    const skipped = await runEbsBuild(
      ebsConfig(ec2.endpoint, {
        ami_name: 'typo',
        ami_regions: ['eu-west-9'],
        skip_region_validation: true,
        skip_create_ami: true,
      }),
    );
    assert.equal(skipped.error, undefined, String(skipped.error));
    assert.equal(ec2.endpoint.callCount('RunInstances'), runs + 1);
    assert.deepEqual(leftovers(ec2.endpoint), {});
  });
});

function expect1(ec2: FakeEndpoint, region: string): string {
  const snaps = ec2.endpoint.resources(region).snapshots;
  assert.equal(snaps.length, 1);
  return snaps[0]!;
}
