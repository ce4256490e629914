/** Calls that land while background work is under way: nothing may be left running or waiting. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CopyImageCommand,
  CreateImageCommand,
  DeregisterImageCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  RunInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { startFakeEndpoint, waitUntil } from './helpers.js';

test('TerminateInstances while the machine is still starting: it is stopped once up, the instance ends terminated', async () => {
  const f = await startFakeEndpoint({}, { launchDelayMs: 400 });
  try {
    const ec2 = f.client();
    const ami = (await ec2.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images![0]!.ImageId;
    const run = await ec2.send(new RunInstancesCommand({ ImageId: ami, MinCount: 1, MaxCount: 1 }));
    const id = run.Instances![0]!.InstanceId!;
    await waitUntil(
      async () => f.backend.launches.length,
      (n) => n === 1,
    );
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    await f.endpoint.settle();
    const state = (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }))).Reservations![0]!
      .Instances![0]!.State!.Name;
    assert.equal(state, 'terminated');
    assert.deepEqual(f.backend.running(), []);
  } finally {
    await f.close();
  }
});

test('CopyImage of a pending image whose source is deregistered ends failed; close() does not wait forever', async () => {
  const f = await startFakeEndpoint({ faults: { slowAmiMs: 60_000 } });
  try {
    const east = f.client('us-east-1');
    const west = f.client('eu-west-1');
    const ami = (await east.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images![0]!.ImageId;
    const run = await east.send(new RunInstancesCommand({ ImageId: ami, MinCount: 1, MaxCount: 1 }));
    const id = run.Instances![0]!.InstanceId!;
    await waitUntil(
      () => east.send(new DescribeInstancesCommand({ InstanceIds: [id] })),
      (r) => r.Reservations![0]!.Instances![0]!.State!.Name === 'running',
    );
    const source = await east.send(new CreateImageCommand({ InstanceId: id, Name: 'slow-source' }));
    const copy = await west.send(
      new CopyImageCommand({ SourceImageId: source.ImageId, SourceRegion: 'us-east-1', Name: 'slow-source' }),
    );
    await east.send(new DeregisterImageCommand({ ImageId: source.ImageId }));
    const failed = await waitUntil(
      () => west.send(new DescribeImagesCommand({ ImageIds: [copy.ImageId!] })).then((r) => r.Images![0]!),
      (i) => i.State !== 'pending',
    );
    assert.equal(failed.State, 'failed');
    assert.match(failed.StateReason!.Message!, /deregistered/);
    // Another copy waits on a source that stays pending (slow AMI) when the endpoint closes.
    const second = await east.send(new CreateImageCommand({ InstanceId: id, Name: 'slow-2' }));
    await west.send(
      new CopyImageCommand({ SourceImageId: second.ImageId, SourceRegion: 'us-east-1', Name: 'slow-2' }),
    );
  } finally {
    const started = Date.now();
    await f.close();
    assert.ok(Date.now() - started < 5000, `close took ${Date.now() - started} ms`);
  }
});
