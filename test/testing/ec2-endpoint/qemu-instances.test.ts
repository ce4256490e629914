/**
 * Real instances: the endpoint with the QEMU backend and the tiny base image as its AMI, driven by
 * the real SDK. An instance launched with a key pair made by CreateKeyPair answers SSH (the real ssh
 * client) at the address DescribeInstances reports; a file written there survives StopInstances and
 * CreateImage, and a second instance launched from the new AMI, with an imported key, reads it back.
 * Afterwards no QEMU process and no instance disk is left.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';

import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  CreateImageCommand,
  CreateKeyPairCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  EC2Client,
  GetConsoleOutputCommand,
  ImportKeyPairCommand,
  type Instance,
  RunInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { generateTemporaryKeyPair } from '../../../src/communicator/ssh/keypair.js';
import { baseImageUnavailableReason, ensureBaseImage } from '../../../src/testing/base-image.js';
import { type Ec2Endpoint, startEc2Endpoint } from '../../../src/testing/ec2-endpoint/index.js';
import { createQemuBackend } from '../../../src/testing/ec2-endpoint/qemu-backend.js';
import { waitUntil } from './helpers.js';

function skipReason(): string | false {
  for (const program of ['qemu-system-x86_64', 'qemu-img', 'ssh']) {
    if (spawnSync('sh', ['-c', `command -v ${program}`]).status !== 0) return `${program} is not installed`;
  }
  return baseImageUnavailableReason('tiny') ?? false;
}
const skip = skipReason();
if (skip) console.log(`# skipping EC2 endpoint real-instance test: ${skip}`);

/** Runs a command over SSH with the real client, retrying while the guest boots. */
async function sshRun(address: string, port: number, keyPath: string, command: string, timeoutMs = 240_000) {
  const end = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const r = spawnSync(
      'ssh',
      [
        '-i',
        keyPath,
        '-p',
        String(port),
        '-o',
        'BatchMode=yes',
        '-o',
        'StrictHostKeyChecking=no',
        '-o',
        'UserKnownHostsFile=/dev/null',
        '-o',
        'ConnectTimeout=10',
        '-o',
        'LogLevel=ERROR',
        `root@${address}`,
        command,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    if (r.status === 0) return r.stdout;
    last = `${r.status} ${r.stderr}`;
    // A refused key is final; a closed or refused connection means the guest is still booting.
    if (/Permission denied/.test(r.stderr)) throw new Error(`ssh ${address}: ${last}`);
    if (Date.now() > end) throw new Error(`ssh ${address} never succeeded: ${last}`);
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

function qemuProcessesOf(ids: readonly string[]): string[] {
  const out = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).stdout;
  return out
    .split('\n')
    .filter((line) => line.includes('qemu-system') && ids.some((id) => line.includes(id)));
}

describe('EC2 endpoint with real QEMU instances', { skip, timeout: 900_000 }, () => {
  let dir: string;
  let endpoint: Ec2Endpoint;
  let ec2: EC2Client;
  const sshPort = process.getuid?.() === 0 ? 22 : 2222;
  before(async () => {
    const image = await ensureBaseImage('tiny', { onLog: (line) => console.log(`# base image: ${line}`) });
    dir = await mkdtemp(join(tmpdir(), 'imgbuild-ec2-vm-'));
    endpoint = await startEc2Endpoint({
      dataDir: join(dir, 'data'),
      backend: createQemuBackend(),
      amis: [{ name: 'imgbuild-tiny-base', disk: image.disk }],
      sshPort,
      timing: { stopTimeoutMs: 60_000 },
    });
    ec2 = new EC2Client({
      endpoint: endpoint.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
    });
  });
  after(async () => {
    ec2?.destroy();
    await endpoint?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const describeInstance = async (id: string): Promise<Instance> =>
    (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }))).Reservations![0]!.Instances![0]!;
  const running = (id: string) =>
    waitUntil(
      () => describeInstance(id),
      (i) => i.State!.Name === 'running' || i.State!.Name === 'terminated',
      120_000,
    );

  test('launch with a created key, provision, stop, CreateImage, launch from the AMI with an imported key', async () => {
    const testStarted = Date.now();
    const baseAmi = (await ec2.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images![0]!.ImageId!;
    const key = await ec2.send(new CreateKeyPairCommand({ KeyName: 'first', KeyType: 'ed25519' }));
    const keyPath = join(dir, 'first.pem');
    await writeFile(keyPath, key.KeyMaterial!, { mode: 0o600 });
    const started = Date.now();
    const run1 = await ec2.send(
      new RunInstancesCommand({ ImageId: baseAmi, MinCount: 1, MaxCount: 1, KeyName: 'first' }),
    );
    const id1 = run1.Instances![0]!.InstanceId!;
    const first = await running(id1);
    assert.equal(first.State!.Name, 'running', JSON.stringify(first.StateReason));
    const address = first.PublicIpAddress!;
    assert.match(address, /^127\./);
    const marker = `provisioned-${Date.now()}`;
    await sshRun(address, sshPort, keyPath, `echo ${marker} > /root/marker && sync`);
    console.log(
      `instance 1: SSH answered ${((Date.now() - started) / 1000).toFixed(1)} s after RunInstances`,
    );
    const console1 = await ec2.send(new GetConsoleOutputCommand({ InstanceId: id1 }));
    assert.match(Buffer.from(console1.Output!, 'base64').toString(), /authorized keys from fw_cfg/);

    const stopStarted = Date.now();
    await ec2.send(new StopInstancesCommand({ InstanceIds: [id1] }));
    const stopped = await waitUntil(
      () => describeInstance(id1),
      (i) => i.State!.Name === 'stopped',
      90_000,
    );
    assert.equal(stopped.PublicIpAddress, undefined);
    console.log(`instance 1: stopped in ${((Date.now() - stopStarted) / 1000).toFixed(1)} s`);
    assert.deepEqual(qemuProcessesOf([id1]), []);

    const created = await ec2.send(
      new CreateImageCommand({ InstanceId: id1, Name: 'golden-from-endpoint-test' }),
    );
    const ami = await waitUntil(
      () => ec2.send(new DescribeImagesCommand({ ImageIds: [created.ImageId!] })).then((r) => r.Images![0]!),
      (i) => i.State !== 'pending',
      120_000,
    );
    assert.equal(ami.State, 'available', JSON.stringify(ami.StateReason));
    const snapshotDisk = endpoint
      .region('us-east-1')
      .snapshots.get(ami.BlockDeviceMappings![0]!.Ebs!.SnapshotId!)!.disk;
    execFileSync('qemu-img', ['check', '-f', 'qcow2', snapshotDisk]);
    const info = JSON.parse(
      execFileSync('qemu-img', ['info', '--output=json', snapshotDisk], { encoding: 'utf8' }),
    );
    assert.equal(info['backing-filename'], undefined, 'the AMI disk stands alone');

    const pair = generateTemporaryKeyPair({ type: 'rsa', bits: 2048, name: 'second' });
    const key2Path = join(dir, 'second.pem');
    await writeFile(key2Path, pair.privateKey);
    await chmod(key2Path, 0o600);
    await ec2.send(
      new ImportKeyPairCommand({ KeyName: 'second', PublicKeyMaterial: Buffer.from(pair.publicKey) }),
    );
    const run2 = await ec2.send(
      new RunInstancesCommand({ ImageId: created.ImageId, MinCount: 1, MaxCount: 1, KeyName: 'second' }),
    );
    const id2 = run2.Instances![0]!.InstanceId!;
    const second = await running(id2);
    assert.equal(second.State!.Name, 'running', JSON.stringify(second.StateReason));
    assert.notEqual(second.PublicIpAddress, address);
    const read = await sshRun(second.PublicIpAddress!, sshPort, key2Path, 'cat /root/marker');
    assert.equal(read.trim(), marker);

    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [id1, id2] }));
    for (const id of [id1, id2]) {
      await waitUntil(
        () => describeInstance(id),
        (i) => i.State!.Name === 'terminated',
        60_000,
      );
    }
    assert.deepEqual(qemuProcessesOf([id1, id2]), []);
    const instancesDir = join(dir, 'data', 'instances');
    assert.deepEqual(existsSync(instancesDir) ? await readdir(instancesDir) : [], []);
    console.log(`two instances, one image: ${((Date.now() - testStarted) / 1000).toFixed(1)} s`);
  });
});
