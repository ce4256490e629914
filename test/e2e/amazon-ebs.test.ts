/**
 * Issue 6 item 1: `imgbuild build` (the real CLI) of an amazon-ebs template against the local EC2
 * endpoint whose instances are real QEMU VMs of the project's tiny base image. The build provisions the
 * instance over SSH with a temporary ed25519 key pair, makes an AMI with the right name, tags and
 * snapshot tags, copies it to a second region, under 30% throttling; a second build launched from the
 * copy finds the file the first build wrote and is then interrupted (SIGINT) while provisioning: exit
 * 130. After each, the endpoint holds no instance, key pair or security group. Two VM boots in all.
 * Credentials come from the environment (the SDK's chain), not from the template.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DescribeImagesCommand, DescribeSnapshotsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { baseImageUnavailableReason, ensureBaseImage } from '../../src/testing/base-image.js';
import { type Ec2Endpoint, startEc2Endpoint } from '../../src/testing/ec2-endpoint/index.js';
import { createQemuBackend } from '../../src/testing/ec2-endpoint/qemu-backend.js';
import { repoRoot } from '../hcl/corpus-files.js';

// Our own SDK clients here: the SDK's Node-version notice is noise in the test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const tsxLoader = path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs');
const entry = path.join(repoRoot, 'src', 'cli', 'main.ts');
const REGIONS = ['us-east-1', 'eu-west-1'];

function skipReason(): string | false {
  for (const program of ['qemu-system-x86_64', 'qemu-img']) {
    if (spawnSync('sh', ['-c', `command -v ${program}`]).status !== 0) return `${program} is not installed`;
  }
  if (process.getuid?.() !== 0) return 'instances listen on 127.x.y.z:22, which needs root';
  return baseImageUnavailableReason('tiny') ?? false;
}
const skip = skipReason();
if (skip) console.log(`# skipping amazon-ebs end-to-end test: ${skip}`);

describe('imgbuild build of an amazon-ebs template against the local endpoint (real VMs)', {
  skip,
  timeout: 1_200_000,
}, () => {
  let ec2: Ec2Endpoint;
  let work: string;
  const children: ChildProcess[] = [];
  const marker = randomBytes(3).toString('hex');

  before(async () => {
    const image = await ensureBaseImage('tiny', { onLog: (l) => console.log(`# base image: ${l}`) });
    work = await mkdtemp(path.join(tmpdir(), 'imgbuild-e2e-ebs-'));
    ec2 = await startEc2Endpoint({
      dataDir: path.join(work, 'ec2'),
      backend: createQemuBackend(),
      amis: [{ name: 'imgbuild-tiny-base', disk: image.disk, description: 'tiny base' }],
      regions: REGIONS,
    });
  });
  after(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await ec2?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  function build(
    template: string,
    watch?: (output: string, child: ChildProcess) => void,
  ): Promise<{ code: number | null; output: string; seconds: number }> {
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', tsxLoader, entry, 'build', template], {
      cwd: work,
      env: {
        PATH: process.env.PATH,
        TMPDIR: work,
        IMGBUILD_STATE_DIR: path.join(work, 'state'),
        AWS_ACCESS_KEY_ID: 'AKIDE2E',
        AWS_SECRET_ACCESS_KEY: 'e2e-secret-0123456789',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    const seen = (c: Buffer) => {
      output += c;
      watch?.(output, child);
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    return new Promise((resolve) =>
      child.on('close', (code) => resolve({ code, output, seconds: (Date.now() - started) / 1000 })),
    );
  }

  const client = (region: string) =>
    new EC2Client({
      endpoint: ec2.url,
      region,
      credentials: { accessKeyId: 'AKIDE2E', secretAccessKey: 'x' },
    });

  function nothingOfOurs(): void {
    for (const region of REGIONS) {
      const r = ec2.resources(region);
      assert.deepEqual(
        { instances: r.instances, keyPairs: r.keyPairs, securityGroups: r.securityGroups },
        { instances: [], keyPairs: [], securityGroups: [] },
        `${region} holds nothing of the build`,
      );
    }
  }

  it('builds the AMI and copies it; a build from the copy finds the file, SIGINT then cleans up', async () => {
    const amiName = `golden-${marker}`;
    await writeFile(
      path.join(work, 'golden.pkr.hcl'),
      `source "amazon-ebs" "golden" {
  region              = "us-east-1"
  custom_endpoint_ec2 = "${ec2.url}"
  source_ami_filter {
    filters     = { name = "imgbuild-tiny-*" }
    owners      = ["self"]
    most_recent = true
  }
  instance_type           = "t3.micro"
  ssh_username            = "root"
  temporary_key_pair_type = "ed25519"
  ami_name                = "${amiName}"
  ami_regions             = ["eu-west-1"]
  tags = {
    Name   = "golden"
    Source = "{{ .SourceAMIName }}"
  }
  snapshot_tags = { Kind = "root-disk" }
}

build {
  sources = ["source.amazon-ebs.golden"]
  provisioner "shell" {
    inline = ["echo golden-provisioned-${marker} > /root/provisioned.txt", "sync"]
  }
  post-processor "manifest" {
    output = "manifest.json"
  }
}
`,
    );
    // Issue 6 item 4 through the CLI: 30% of calls throttled, new resources invisible for 2 s.
    ec2.setFaults({ throttleRatio: 0.3, notFoundAfterCreateMs: 2000, seed: 11 });
    const callsBefore = ec2.calls.length;
    const first = await build('golden.pkr.hcl');
    ec2.setFaults({});
    const answered = ec2.calls.slice(callsBefore);
    console.log(`# first build (provision + AMI + copy, 30% throttled): ${first.seconds.toFixed(1)} s`);
    assert.equal(first.code, 0, first.output);
    assert.match(first.output, /==> amazon-ebs\.golden: Creating temporary keypair: packer_/);
    assert.match(first.output, /AMIs were created:\neu-west-1: ami-\w+\nus-east-1: ami-\w+/);
    const summary = first.output.match(/EC2 API: \d+ calls, \d+ retries[^\n]*/)?.[0];
    console.log(`# ${summary}`);
    const throttled = answered.filter((c) => c.code === 'RequestLimitExceeded').length;
    const notYet = answered.filter((c) => c.code?.endsWith('.NotFound')).length;
    assert.ok(throttled > 0 && notYet > 0, `${throttled} throttled, ${notYet} not-found answers`);
    assert.equal(
      summary,
      `EC2 API: ${answered.length} calls, ${throttled + notYet} retries (${throttled} throttled, ${notYet} not yet visible, 0 network/server errors)`,
    );

    const manifest = JSON.parse(await readFile(path.join(work, 'manifest.json'), 'utf8'));
    const artifactId: string = manifest.builds[0].artifact_id;
    assert.match(artifactId, /^eu-west-1:ami-\w+,us-east-1:ami-\w+$/);
    assert.equal(manifest.builds[0].builder_type, 'amazon-ebs');
    const ids = Object.fromEntries(artifactId.split(',').map((p) => p.split(':') as [string, string]));
    for (const region of REGIONS) {
      const c = client(region);
      const image = (await c.send(new DescribeImagesCommand({ ImageIds: [ids[region]!] }))).Images![0]!;
      assert.equal(image.Name, amiName);
      const tags = Object.fromEntries((image.Tags ?? []).map((t) => [t.Key, t.Value]));
      assert.equal(tags.Name, 'golden', `${region}: AMI tags`);
      assert.equal(tags.Source, 'imgbuild-tiny-base', `${region}: tag rendered with the source AMI's name`);
      const snapIds = image.BlockDeviceMappings!.flatMap((m) =>
        m.Ebs?.SnapshotId ? [m.Ebs.SnapshotId] : [],
      );
      const snaps = (await c.send(new DescribeSnapshotsCommand({ SnapshotIds: snapIds }))).Snapshots!;
      assert.equal(snaps.length, 1);
      const snapTags = Object.fromEntries((snaps[0]!.Tags ?? []).map((t) => [t.Key, t.Value]));
      assert.equal(snapTags.Kind, 'root-disk', `${region}: snapshot tags`);
      c.destroy();
    }
    nothingOfOurs();

    // The second build starts from the copy, finds the file, then is interrupted while provisioning:
    // one VM boot proves both the copy's content and SIGINT's cleanup.
    await writeFile(
      path.join(work, 'from-copy.pkr.hcl'),
      `source "amazon-ebs" "check" {
  region              = "eu-west-1"
  custom_endpoint_ec2 = "${ec2.url}"
  source_ami          = "${ids['eu-west-1']}"
  instance_type       = "t3.micro"
  ssh_username        = "root"
  ami_name            = "interrupted-${marker}"
}

build {
  sources = ["source.amazon-ebs.check"]
  provisioner "shell" {
    inline = [
      "echo found: $(cat /root/provisioned.txt)",
      "test \\"$(cat /root/provisioned.txt)\\" = golden-provisioned-${marker}",
      "echo provisioning-started",
      "sleep 600",
    ]
  }
}
`,
    );
    // One SIGINT, once the check passed and the provisioner sleeps (a second one would force an exit).
    let sent = false;
    const second = await build('from-copy.pkr.hcl', (output, child) => {
      if (sent || !output.includes('provisioning-started')) return;
      sent = true;
      child.kill('SIGINT');
    });
    console.log(
      `# second build (from the copied AMI, SIGINT while provisioning): ${second.seconds.toFixed(1)} s`,
    );
    assert.match(second.output, new RegExp(`found: golden-provisioned-${marker}`));
    assert.equal(second.code, 130, second.output);
    assert.match(second.output, /Terminating the source AWS instance\.\.\./);
    assert.match(second.output, /Deleting temporary keypair\.\.\./);
    assert.match(second.output, /Deleting temporary security group\.\.\./);
    nothingOfOurs();
    // Only the two AMIs of the first build remain (with their snapshots).
    assert.deepEqual(
      REGIONS.map((r) => ec2.resources(r).images),
      [[ids['us-east-1']], [ids['eu-west-1']]],
    );
  });
});
