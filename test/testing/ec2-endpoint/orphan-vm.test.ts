/**
 * An endpoint process killed with SIGKILL runs no cleanup; its instances' QEMU processes must not
 * outlive it. Runs the endpoint's CLI as a child, launches an instance, kills the child with -9 and
 * waits for the instance's QEMU to disappear.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DescribeImagesCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { baseImageUnavailableReason, ensureBaseImage } from '../../../src/testing/base-image.js';
import { waitUntil } from './helpers.js';

const missing = ['qemu-system-x86_64', 'qemu-img'].find(
  (p) => spawnSync('sh', ['-c', `command -v ${p}`]).status !== 0,
);
const skip = missing ? `${missing} is not installed` : (baseImageUnavailableReason('tiny') ?? false);
if (skip) console.log(`# skipping orphan VM test: ${skip}`);

function qemuRunning(instanceId: string): boolean {
  const out = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).stdout;
  return out.split('\n').some((line) => line.startsWith('qemu-system') && line.includes(instanceId));
}

test('kill -9 of the endpoint process takes its instances’ QEMU with it', {
  skip,
  timeout: 300_000,
}, async () => {
  await ensureBaseImage('tiny');
  const started = Date.now();
  const dir = await mkdtemp(join(tmpdir(), 'imgbuild-ec2-orphan-'));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/testing/ec2-endpoint/main.ts', '--data-dir', dir, '--ssh-port', '2222'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => {
      out += t;
    });
    const url = await waitUntil(
      async () => /EC2 endpoint: (http:\/\/\S+)/.exec(out)?.[1],
      (u) => u !== undefined,
      120_000,
    );
    const ec2 = new EC2Client({
      endpoint: url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
    });
    const ami = (await ec2.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images![0]!.ImageId;
    const run = await ec2.send(new RunInstancesCommand({ ImageId: ami, MinCount: 1, MaxCount: 1 }));
    ec2.destroy();
    const id = run.Instances![0]!.InstanceId!;
    await waitUntil(
      async () => qemuRunning(id),
      (up) => up,
      60_000,
    );
    child.kill('SIGKILL');
    const gone = await waitUntil(
      async () => !qemuRunning(id),
      (g) => g,
      15_000,
    );
    assert.equal(gone, true);
    console.log(`endpoint killed, its QEMU gone: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
});
