/** Fault injection and strict signatures, seen through the real SDK. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateImageCommand,
  CreateSecurityGroupCommand,
  CreateTagsCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeRegionsCommand,
  type EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { errorCode, type FakeEndpoint, startFakeEndpoint, waitUntil } from './helpers.js';

describe('EC2 endpoint faults', () => {
  let f: FakeEndpoint;
  let ec2: EC2Client;
  let baseAmi: string;
  before(async () => {
    f = await startFakeEndpoint();
    ec2 = f.client('us-west-2');
    baseAmi = (await ec2.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images![0]!.ImageId!;
  });
  after(() => f.close());

  test('throttling: about the configured share of calls is RequestLimitExceeded (HTTP 503), counted', async () => {
    f.endpoint.setFaults({ throttleRatio: 0.3, seed: 7 });
    let throttled = 0;
    for (let i = 0; i < 100; i++) {
      try {
        await ec2.send(new DescribeRegionsCommand({}));
      } catch (error) {
        assert.equal((error as { name: string }).name, 'RequestLimitExceeded');
        assert.equal((error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode, 503);
        throttled++;
      }
    }
    assert.ok(throttled > 15 && throttled < 45, `throttled ${throttled} of 100`);
    assert.equal(f.endpoint.callCount('DescribeRegions', { code: 'RequestLimitExceeded' }), throttled);
    // The SDK's own retries get through.
    f.endpoint.setFaults({ throttleRatio: 0.3, seed: 7 });
    const retrying = f.client('us-west-2', { maxAttempts: 10 });
    for (let i = 0; i < 20; i++) await retrying.send(new DescribeRegionsCommand({}));
    f.endpoint.setFaults({});
  });

  test('the Nth call of an action fails with the given code; the others pass', async () => {
    f.endpoint.setFaults({
      failCalls: [{ action: 'DescribeImages', nth: 2, code: 'UnauthorizedOperation' }],
    });
    await ec2.send(new DescribeImagesCommand({ ImageIds: [baseAmi] }));
    assert.equal(
      await errorCode(ec2.send(new DescribeImagesCommand({ ImageIds: [baseAmi] }))),
      'UnauthorizedOperation',
    );
    await ec2.send(new DescribeImagesCommand({ ImageIds: [baseAmi] }));
    f.endpoint.setFaults({ failCalls: [{ action: 'DescribeRegions', nth: 1 }] });
    const failure = await ec2.send(new DescribeRegionsCommand({})).catch((e) => e);
    assert.equal(failure.name, 'InternalError');
    assert.equal(failure.$metadata.httpStatusCode, 500);
    f.endpoint.setFaults({});
  });

  test('not found right after create: new resources answer NotFound until the delay has passed', async () => {
    f.endpoint.setFaults({ notFoundAfterCreateMs: 400 });
    const sg = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'late', Description: 'd' }));
    assert.equal(
      await errorCode(
        ec2.send(new CreateTagsCommand({ Resources: [sg.GroupId!], Tags: [{ Key: 'a', Value: 'b' }] })),
      ),
      'InvalidGroup.NotFound',
    );
    const run = await ec2.send(new RunInstancesCommand({ ImageId: baseAmi, MinCount: 1, MaxCount: 1 }));
    const id = run.Instances![0]!.InstanceId!;
    assert.equal(
      await errorCode(ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }))),
      'InvalidInstanceID.NotFound',
    );
    await new Promise((r) => setTimeout(r, 450));
    await ec2.send(new CreateTagsCommand({ Resources: [sg.GroupId!], Tags: [{ Key: 'a', Value: 'b' }] }));
    const running = await waitUntil(
      () => ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] })),
      (r) => r.Reservations![0]!.Instances![0]!.State!.Name === 'running',
    );
    assert.ok(running);
    f.endpoint.setFaults({});
  });

  test('insufficient capacity for the first N launches', async () => {
    f.endpoint.setFaults({ insufficientCapacity: 2 });
    const launch = () =>
      ec2.send(
        new RunInstancesCommand({ ImageId: baseAmi, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro' }),
      );
    assert.equal(await errorCode(launch()), 'InsufficientInstanceCapacity');
    assert.equal(await errorCode(launch()), 'InsufficientInstanceCapacity');
    const ok = await launch();
    assert.equal(ok.Instances!.length, 1);
    f.endpoint.setFaults({});
  });

  test('slow AMIs stay pending longer; failing AMI names end failed with a reason', async () => {
    const run = await ec2.send(new RunInstancesCommand({ ImageId: baseAmi, MinCount: 1, MaxCount: 1 }));
    const id = run.Instances![0]!.InstanceId!;
    await waitUntil(
      () => ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] })),
      (r) => r.Reservations![0]!.Instances![0]!.State!.Name === 'running',
    );
    f.endpoint.setFaults({ slowAmiMs: 1500, failImageNames: ['broken-*'] });
    const started = Date.now();
    const slow = await ec2.send(new CreateImageCommand({ InstanceId: id, Name: 'slow-1' }));
    const broken = await ec2.send(new CreateImageCommand({ InstanceId: id, Name: 'broken-1' }));
    const describe = (imageId: string) =>
      ec2.send(new DescribeImagesCommand({ ImageIds: [imageId] })).then((r) => r.Images![0]!);
    await new Promise((r) => setTimeout(r, 700));
    assert.equal((await describe(slow.ImageId!)).State, 'pending');
    const done = await waitUntil(
      () => describe(slow.ImageId!),
      (i) => i.State !== 'pending',
    );
    assert.equal(done.State, 'available');
    assert.ok(Date.now() - started >= 1500);
    const failed = await describe(broken.ImageId!);
    assert.equal(failed.State, 'failed');
    assert.match(failed.StateReason!.Message!, /injected/);
    f.endpoint.setFaults({});
  });

  test('delay and onCall: a call can be held, and is seen before it runs', async () => {
    const seen: string[] = [];
    const off = f.endpoint.onCall((action, region) => {
      seen.push(`${region}:${action}`);
    });
    f.endpoint.setFaults({ delayMs: { DescribeRegions: 300 } });
    const started = Date.now();
    await ec2.send(new DescribeRegionsCommand({}));
    assert.ok(Date.now() - started >= 300);
    off();
    assert.deepEqual(seen, ['us-west-2:DescribeRegions']);
    f.endpoint.setFaults({});
  });
});

describe('EC2 endpoint strict signatures', () => {
  let f: FakeEndpoint;
  before(async () => {
    f = await startFakeEndpoint({ credentials: { AKIDSTRICT: 'right-secret' } });
  });
  after(() => f.close());

  test('the right secret passes; a wrong one is SignatureDoesNotMatch; an unknown key AuthFailure', async () => {
    const good = f.client('eu-west-1', { accessKeyId: 'AKIDSTRICT', secret: 'right-secret' });
    const images = await good.send(
      new DescribeImagesCommand({ Filters: [{ Name: 'name', Values: ['imgbuild-*'] }] }),
    );
    assert.equal(images.Images!.length, 1);
    const wrong = f.client('eu-west-1', { accessKeyId: 'AKIDSTRICT', secret: 'wrong-secret' });
    assert.equal(await errorCode(wrong.send(new DescribeRegionsCommand({}))), 'SignatureDoesNotMatch');
    const unknown = f.client('eu-west-1', { accessKeyId: 'AKIDOTHER', secret: 'right-secret' });
    assert.equal(await errorCode(unknown.send(new DescribeRegionsCommand({}))), 'AuthFailure');
  });
});
