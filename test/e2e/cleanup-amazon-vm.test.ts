/**
 * Issue 6 item 3 with real instances: the local EC2 endpoint boots each instance as a QEMU VM. `kill -9`
 * of `imgbuild build` once its instance runs (its VM started) leaves the instance (a running VM), the temporary key pair and security group, and the build's temp dir; `imgbuild cleanup`
 * leaves nothing of ours, in the endpoint (no instance, key pair or group; the VM is gone) or locally.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { readRuns } from '../../src/core/ledger/read-journal.js';
import { baseImageUnavailableReason, ensureBaseImage } from '../../src/testing/base-image.js';
import { type Ec2Endpoint, startEc2Endpoint } from '../../src/testing/ec2-endpoint/index.js';
import { createQemuBackend } from '../../src/testing/ec2-endpoint/qemu-backend.js';
import { spawnCli } from '../helpers/spawn-cli.js';

const skip =
  process.getuid?.() !== 0
    ? 'needs root (instances answer SSH on port 22)'
    : baseImageUnavailableReason('tiny');
if (skip) console.log(`# skipping amazon cleanup e2e with real instances: ${skip}`);

const region = 'us-east-1';

let work: string;
let endpoint: Ec2Endpoint;
const children: ChildProcess[] = [];
before(async () => {
  if (skip) return;
  const image = await ensureBaseImage('tiny');
  work = await mkdtemp(path.join(tmpdir(), 'imgbuild-cleanup-amazon-vm-'));
  endpoint = await startEc2Endpoint({
    dataDir: path.join(work, 'data'),
    backend: createQemuBackend(),
    amis: [{ name: 'imgbuild-tiny-base', disk: image.disk }],
    sshPort: 22,
    timing: { stopTimeoutMs: 30_000 },
  });
});
after(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await endpoint?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

function start(args: string[]) {
  const run = spawnCli(args, {
    cwd: work,
    env: {
      PATH: process.env.PATH,
      IMGBUILD_STATE_DIR: path.join(work, 'state'),
      TMPDIR: work,
      AWS_ACCESS_KEY_ID: 'AKIDTEST',
      AWS_SECRET_ACCESS_KEY: 'e2e-secret',
    },
  });
  children.push(run.child);
  return run;
}

const vmsOf = (id: string) =>
  spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter((l) => l.includes('qemu-system') && l.includes(id));

test('kill -9 of an amazon-ebs build with its instance running, then cleanup: nothing left in the endpoint or locally', {
  skip,
  timeout: 900_000,
}, async () => {
  const started = performance.now();
  const before = endpoint.resources(region);
  const template = path.join(work, 'ami.pkr.hcl');
  await writeFile(
    template,
    `source "amazon-ebs" "vm" {
  region              = "${region}"
  custom_endpoint_ec2 = "${endpoint.url}"
  source_ami_filter {
    filters     = { name = "imgbuild-tiny-*" }
    owners      = ["self"]
    most_recent = true
  }
  instance_type           = "t3.micro"
  ami_name                = "vm-crash-ami"
  ssh_username            = "root"
  temporary_key_pair_type = "ed25519"
  ssh_timeout             = "5m"
}

build {
  sources = ["source.amazon-ebs.vm"]
  provisioner "shell" {
    inline = ["sleep 600"]
  }
}
`,
  );
  const build = start(['build', '-color=false', template]);
  // Killed once the instance is confirmed in the ledger and its VM runs: key pair and group exist by then.
  const deadline = Date.now() + 300_000;
  const ledgerDir = path.join(work, 'state', 'ledger');
  for (;;) {
    const [r] = await readRuns(ledgerDir);
    const id = r?.entries.find((e) => e.kind === 'ec2-instance' && e.state === 'confirmed')?.data.instanceId;
    if (typeof id === 'string' && vmsOf(id).length > 0) break;
    if (Date.now() > deadline || build.child.exitCode !== null) {
      assert.fail(`the instance never started:\n${build.out()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  build.child.kill('SIGKILL');
  await build.done;

  const crashed = endpoint.resources(region);
  const instance = crashed.instances.find((i) => !before.instances.includes(i));
  assert.ok(instance, 'the instance is left running');
  assert.ok(vmsOf(instance).length > 0, 'its VM runs');
  assert.equal(crashed.keyPairs.length, before.keyPairs.length + 1, 'the temporary key pair is left');
  assert.equal(
    crashed.securityGroups.length,
    before.securityGroups.length + 1,
    'the temporary group is left',
  );
  const [run] = await readRuns(ledgerDir);
  const temp = run!.leftovers.filter((e) => e.kind === 'temp-path').map((e) => String(e.data.path));
  assert.ok(temp.length > 0 && temp.every((p) => existsSync(p)), 'the temp dir is left');

  const t0 = performance.now();
  const clean = start(['cleanup']);
  assert.equal(await clean.done, 0, clean.out());
  console.log(`cleanup took ${((performance.now() - t0) / 1000).toFixed(1)} s:\n${clean.out()}`);
  const after = endpoint.resources(region);
  assert.deepEqual(after.instances, before.instances, 'instance terminated');
  assert.deepEqual(after.keyPairs, before.keyPairs, 'key pair deleted');
  assert.deepEqual(after.securityGroups, before.securityGroups, 'security group deleted');
  assert.deepEqual(after.images, before.images);
  assert.deepEqual(vmsOf(instance), [], 'its VM is gone');
  for (const p of temp) assert.ok(!existsSync(p), `${p} removed`);
  assert.deepEqual(readdirSync(ledgerDir), []);
  console.log(
    `amazon cleanup e2e (real instance): ${((performance.now() - started) / 1000).toFixed(1)} s in all`,
  );
});
