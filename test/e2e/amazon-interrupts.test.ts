/**
 * Issue 6 item 2 with real signals: the real executable builds an amazon-ebs template against the local
 * EC2 endpoint (fake backend, `communicator = "none"`), and SIGINT is sent to it while the endpoint holds
 * the EC2 call of each step in turn. Every run exits 130, and afterwards the endpoint holds nothing the
 * build created in any region (the in-process matrix in test/builders/amazon/ebs-faults.test.ts covers
 * the same steps with injected failures).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { leftovers } from '../builders/amazon/helpers.js';
import { childEnv } from '../helpers/child-env.js';
import { spawnCli } from '../helpers/spawn-cli.js';
import { type FakeEndpoint, startFakeEndpoint } from '../testing/ec2-endpoint/helpers.js';

/** Each step of the builder and the EC2 call it is interrupted in. */
const steps: { step: string; action: string; ssh?: boolean }[] = [
  { step: 'StepPreValidate', action: 'DescribeImages' },
  { step: 'StepKeyPair', action: 'CreateKeyPair', ssh: true },
  { step: 'StepSecurityGroup', action: 'CreateSecurityGroup' },
  { step: 'StepRunSourceInstance', action: 'RunInstances' },
  { step: 'StepStopEBSBackedInstance', action: 'StopInstances' },
  { step: 'stepCreateAMI', action: 'CreateImage' },
  { step: 'StepAMIRegionCopy', action: 'CopyImage' },
  { step: 'StepModifyAMIAttributes', action: 'ModifyImageAttribute' },
  { step: 'StepCreateTags', action: 'CreateTags' },
  { step: 'StepEnableDeprecation', action: 'EnableImageDeprecation' },
];

describe('amazon-ebs: SIGINT to the real executable during each step (local endpoint)', () => {
  let ec2: FakeEndpoint;
  let work: string;
  before(async () => {
    ec2 = await startFakeEndpoint();
    work = await mkdtemp(path.join(tmpdir(), 'imgbuild-amazon-sigint-'));
  });
  after(async () => {
    await ec2?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  let n = 0;
  for (const s of steps) {
    test(`SIGINT during ${s.step} (${s.action}): exit 130, nothing of the build left`, async () => {
      const name = `sigint-${++n}`;
      const template = path.join(work, `${name}.pkr.hcl`);
      // SSH towards a closed port: the key pair is made, then connecting would fail fast.
      const communicator = s.ssh
        ? 'communicator = "ssh"\n  ssh_username = "root"\n  ssh_host = "127.0.0.1"\n  ssh_port = 9\n  ssh_timeout = "1s"'
        : 'communicator = "none"';
      await writeFile(
        template,
        `source "amazon-ebs" "a" {
  region              = "us-east-1"
  custom_endpoint_ec2 = "${ec2.endpoint.url}"
  access_key          = "AKIDTEST"
  secret_key          = "test-secret"
  source_ami_filter {
    filters     = { name = "imgbuild-tiny-*" }
    owners      = ["self"]
    most_recent = true
  }
  instance_type = "t3.micro"
  ami_name      = "${name}"
  ami_regions   = ["eu-west-1"]
  ami_users     = ["210987654321"]
  tags          = { Name = "interrupted" }
  snapshot_tags = { Kind = "root" }
  deprecate_at  = "2030-01-01T00:00:00Z"
  ${communicator}
}
build {
  sources = ["source.amazon-ebs.a"]
}
`,
      );
      const run = spawnCli(['build', '-color=false', template], { cwd: work, env: childEnv() });
      let sent = false;
      const off = ec2.endpoint.onCall(async (action) => {
        if (action !== s.action || sent) return;
        sent = true;
        run.child.kill('SIGINT');
        // Hold the call a moment: the signal lands while the request is in flight.
        await new Promise((r) => setTimeout(r, 200));
      });
      const code = await run.done;
      const output = run.out();
      off();
      assert.ok(sent, `the build called ${s.action}:\n${output}`);
      assert.equal(code, 130, output);
      assert.match(output, /Cancelling build after receiving interrupt/);
      await ec2.endpoint.settle();
      assert.deepEqual(leftovers(ec2.endpoint), {}, output);
    });
  }
});
