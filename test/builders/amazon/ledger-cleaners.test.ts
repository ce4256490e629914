/**
 * The EC2 cleaners of `imgbuild cleanup` through the real SDK against the local endpoint (fake backend):
 * a run that recorded a key pair, a security group, two instances (one never confirmed: found by its
 * run tag and client token) and two AMIs (one never confirmed: found by name and run tag; one kept as
 * the artifact), then ended failed. The sweep removes everything of the run except the kept AMI, and
 * touches nothing untagged.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  CreateImageCommand,
  CreateKeyPairCommand,
  CreateSecurityGroupCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  type EC2Client,
  RunInstancesCommand,
  type TagSpecification,
} from '@aws-sdk/client-ec2';
import { amazonEbsBuilder } from '../../../src/builders/amazon/ebs-config.js';
import { cleanerRegistry } from '../../../src/core/ledger/cleaners.js';
import { createFileLedger } from '../../../src/core/ledger/ledger.js';
import { journalPath } from '../../../src/core/ledger/location.js';
import { readRun } from '../../../src/core/ledger/read-journal.js';
import { sweepRun } from '../../../src/core/ledger/sweep.js';
import { type FakeEndpoint, startFakeEndpoint, waitUntil } from '../../testing/ec2-endpoint/helpers.js';

const region = 'us-east-1';
let f: FakeEndpoint;
let ec2: EC2Client;
let dir: string;
const savedEnv = { ...process.env };

before(async () => {
  f = await startFakeEndpoint();
  ec2 = f.client(region);
  dir = await mkdtemp(path.join(tmpdir(), 'imgbuild-ec2-cleaners-'));
  // The cleaners use the SDK's standard credential chain: the ledger never holds credentials.
  process.env.AWS_ACCESS_KEY_ID = 'AKIDTEST';
  process.env.AWS_SECRET_ACCESS_KEY = 'secret';
});
after(async () => {
  process.env = savedEnv;
  await f.close();
  await rm(dir, { recursive: true, force: true });
});

test('cleanup removes a failed run’s EC2 resources, confirmed or not, and keeps its kept AMI', async () => {
  const runId = 'run-ec2-cleanup';
  const ledger = await createFileLedger({ dir, runId });
  const b = ledger.forBuild('amazon-ebs.x');
  const where = { region, endpoint: f.endpoint.url };
  const tags = (type: TagSpecification['ResourceType'][]): TagSpecification[] =>
    type.map((t) => ({
      ResourceType: t,
      Tags: Object.entries(b.tags).map(([Key, Value]) => ({ Key, Value })),
    }));
  const base = (
    await ec2.send(new DescribeImagesCommand({ Filters: [{ Name: 'name', Values: ['imgbuild-*'] }] }))
  ).Images![0]!.ImageId!;

  await b.track(
    'ec2-key-pair',
    { ...where, keyName: 'packer_tmp' },
    () =>
      ec2.send(new CreateKeyPairCommand({ KeyName: 'packer_tmp', TagSpecifications: tags(['key-pair']) })),
    (o) => ({ keyPairId: o.KeyPairId }),
  );
  const sg = await b.track(
    'ec2-security-group',
    { ...where, groupName: 'packer_sg' },
    () =>
      ec2.send(
        new CreateSecurityGroupCommand({
          GroupName: 'packer_sg',
          Description: 'tmp',
          TagSpecifications: tags(['security-group']),
        }),
      ),
    (o) => ({ groupId: o.GroupId }),
  );
  const run = (token: string, tagged = true) =>
    ec2.send(
      new RunInstancesCommand({
        ImageId: base,
        MinCount: 1,
        MaxCount: 1,
        KeyName: 'packer_tmp',
        SecurityGroupIds: [sg.value.GroupId!],
        ClientToken: token,
        ...(tagged ? { TagSpecifications: tags(['instance', 'volume']) } : {}),
      }),
    );
  const a = await b.track(
    'ec2-instance',
    { ...where, clientToken: 'tok-a' },
    () => run('tok-a'),
    (o) => ({
      instanceId: o.Instances![0]!.InstanceId,
    }),
  );
  // Intent written, the call went through, the run died before confirming.
  await b.intend('ec2-instance', { ...where, clientToken: 'tok-b' });
  const unconfirmed = (await run('tok-b')).Instances![0]!.InstanceId!;
  const usersOwn = (
    await ec2.send(new RunInstancesCommand({ ImageId: base, MinCount: 1, MaxCount: 1, ClientToken: 'users' }))
  ).Instances![0]!.InstanceId!;
  const instanceA = a.value.Instances![0]!.InstanceId!;
  await waitUntil(
    async () =>
      (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceA] }))).Reservations![0]!
        .Instances![0]!.State!.Name,
    (s) => s === 'running',
  );
  const image = (name: string) =>
    ec2.send(
      new CreateImageCommand({
        InstanceId: instanceA,
        Name: name,
        TagSpecifications: tags(['image', 'snapshot']),
      }),
    );
  await b.intend('ec2-ami', { ...where, name: 'failed-ami' });
  const failedAmi = (await image('failed-ami')).ImageId!;
  const kept = await b.track(
    'ec2-ami',
    { ...where, name: 'kept-ami' },
    () => image('kept-ami'),
    (o) => ({
      imageId: o.ImageId,
    }),
  );
  await kept.resource.keep();
  await f.endpoint.settle();
  await ledger.end('failed');

  const before = f.endpoint.resources(region);
  assert.ok(before.instances.includes(instanceA) && before.instances.includes(unconfirmed));
  assert.ok(before.images.includes(failedAmi));
  assert.ok(before.keyPairs.includes('packer_tmp') && before.securityGroups.includes(sg.value.GroupId!));
  const snapshotsBefore = before.snapshots.length;

  const status = (await readRun(journalPath(dir, runId)))!;
  assert.equal(status.leftovers.length, 5, 'key pair, group, two instances, failed AMI');
  const said: string[] = [];
  const result = await sweepRun(status, {
    cleaners: cleanerRegistry([amazonEbsBuilder]),
    signal: AbortSignal.timeout(120_000),
    log: { debug: () => {} },
    say: (m) => said.push(m),
  });
  assert.deepEqual(
    result.failed.map((x) => String(x.error)),
    [],
  );
  assert.equal(result.removed.length, 5);
  assert.equal(result.forgotten, true);

  const left = f.endpoint.resources(region);
  assert.deepEqual(left.instances, [usersOwn], 'only the untagged instance is left running');
  assert.deepEqual(
    left.keyPairs.filter((k) => k.includes('packer')),
    [],
  );
  assert.ok(!left.securityGroups.includes(sg.value.GroupId!), 'security group deleted');
  assert.ok(!left.images.includes(failedAmi), 'the failed AMI is deregistered');
  assert.ok(left.images.includes(kept.value.ImageId!), 'the kept AMI stays');
  assert.equal(
    left.snapshots.length,
    snapshotsBefore - 1,
    "the failed AMI's snapshot is deleted, the kept one's stays",
  );
});
