/**
 * Issue 6 item 3 against the local EC2 endpoint (fake backend: instances without VMs, so no SSH:
 * `communicator = "none"`): `kill -9` of a real `imgbuild build` of an amazon-ebs template while it
 * waits for its AMI leaves the instance, the temporary security group and the pending AMI with its
 * snapshot; `imgbuild cleanup -dry-run` lists them and the endpoint is unchanged; `imgbuild cleanup`
 * (credentials from the environment, never from the ledger) leaves the endpoint holding nothing of ours.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { type FakeEndpoint, startFakeEndpoint } from '../testing/ec2-endpoint/helpers.js';
import { spawnCli } from '../helpers/spawn-cli.js';
import { readRuns } from '../../src/core/ledger/read-journal.js';

const region = 'us-east-1';
const secret = 'e2e-secret-value-0123456789';

let f: FakeEndpoint;
let work: string;
const children: ChildProcess[] = [];
before(async () => {
  // The AMI stays pending (10 min) while the build is killed; close() ends that wait at once.
  f = await startFakeEndpoint({ timing: { instancePendingMs: 150, imagePendingMs: 600_000 } });
  work = await mkdtemp(path.join(tmpdir(), 'imgbuild-cleanup-amazon-'));
});
after(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await f.close();
  await rm(work, { recursive: true, force: true });
});

function start(args: string[]) {
  const run = spawnCli(args, {
    cwd: work,
    env: {
      PATH: process.env.PATH,
      IMGBUILD_STATE_DIR: path.join(work, 'state'),
      TMPDIR: work,
      AWS_ACCESS_KEY_ID: 'AKIDTEST',
      AWS_SECRET_ACCESS_KEY: secret,
    },
  });
  children.push(run.child);
  return run;
}

const ours = () => {
  const r = f.endpoint.resources(region);
  return {
    instances: r.instances,
    securityGroups: r.securityGroups,
    keyPairs: r.keyPairs,
    images: r.images,
    snapshots: r.snapshots,
  };
};

test('kill -9 of an amazon-ebs build, then imgbuild cleanup leaves the endpoint holding nothing of ours', {
  timeout: 300_000,
}, async () => {
  const started = performance.now();
  const before = ours();
  const template = path.join(work, 'ami.pkr.hcl');
  await writeFile(
    template,
    `source "amazon-ebs" "crash" {
  region              = "${region}"
  custom_endpoint_ec2 = "${f.endpoint.url}"
  source_ami_filter {
    filters     = { name = "imgbuild-tiny-*" }
    owners      = ["self"]
    most_recent = true
  }
  instance_type = "t3.micro"
  ami_name      = "crash-ami"
  communicator  = "none"
}

build {
  sources = ["source.amazon-ebs.crash"]
}
`,
  );
  const build = start(['build', '-color=false', template]);
  // Killed once the ledger holds the AMI's id: the endpoint may have made the AMI before its answer
  // reached the build, and this test is about recorded ids (lost answers: test/builders/amazon).
  const deadline = Date.now() + 120_000;
  const journalDir = path.join(work, 'state', 'ledger');
  for (;;) {
    const [run] = await readRuns(journalDir);
    if (run?.entries.some((e) => e.kind === 'ec2-ami' && typeof e.data.imageId === 'string')) break;
    if (Date.now() > deadline || build.child.exitCode !== null)
      assert.fail(`no AMI was created:\n${build.out()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  build.child.kill('SIGKILL');
  await build.done;

  const crashed = ours();
  assert.equal(crashed.instances.length, before.instances.length + 1, 'the instance is left');
  assert.equal(
    crashed.securityGroups.length,
    before.securityGroups.length + 1,
    'the temporary security group is left',
  );
  assert.equal(crashed.images.length, before.images.length + 1, 'the pending AMI is left');
  const ledgerDir = path.join(work, 'state', 'ledger');
  const [journal] = readdirSync(ledgerDir);
  assert.ok(journal);
  assert.ok(
    !readFileSync(path.join(ledgerDir, journal), 'utf8').includes(secret),
    'no credential in the ledger',
  );

  const dry = start(['cleanup', '-dry-run']);
  assert.equal(await dry.done, 0, dry.out());
  assert.match(dry.out(), /would remove EC2 instance i-\S+ in us-east-1/);
  assert.match(dry.out(), /would remove EC2 security group sg-\S+ in us-east-1/);
  assert.match(dry.out(), /would remove AMI ami-\S+/);
  assert.deepEqual(ours(), crashed, 'the dry run changed nothing');

  const clean = start(['cleanup']);
  assert.equal(await clean.done, 0, clean.out());
  assert.match(clean.out(), /^Removed \d+ resource\(s\)\.$/m);
  const after = ours();
  assert.deepEqual(after.instances, before.instances, 'instance terminated');
  assert.deepEqual(after.securityGroups, before.securityGroups, 'security group deleted');
  assert.deepEqual(after.keyPairs, before.keyPairs);
  assert.deepEqual(after.images, before.images, 'AMI deregistered');
  assert.deepEqual(after.snapshots, before.snapshots, 'its snapshot deleted');
  assert.ok(!existsSync(path.join(ledgerDir, journal)), 'the run is forgotten');
  console.log(
    `amazon cleanup e2e (fake backend): ${((performance.now() - started) / 1000).toFixed(1)} s in all`,
  );
});
