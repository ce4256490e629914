/**
 * Issue 6 items 2 and 4 in-process, against the local EC2 endpoint through the real SDK (fake backend):
 * a failure injected at each step, and a cancellation landing during each step's EC2 call, leave
 * nothing the build created in any region, and nothing outstanding in the ledger; throttling on 30% of
 * calls plus not-yet-visible new resources still build, with every retry counted.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isCancellation } from '../../../src/core/errors.js';
import type { Ec2Faults } from '../../../src/testing/ec2-endpoint/index.js';
import { type FakeEndpoint, startFakeEndpoint } from '../../testing/ec2-endpoint/helpers.js';
import { ebsConfig, leftovers, runEbsBuild } from './helpers.js';

/** Everything the full build does: a second region, permissions, tags, deprecation. */
const full = {
  ami_regions: ['eu-west-1'],
  ami_users: ['210987654321'],
  tags: { Name: 'faulty' },
  snapshot_tags: { Kind: 'root' },
  deprecate_at: '2030-01-01T00:00:00Z',
};
/** SSH towards a closed port: the key pair and the SSH rule are made, then connecting fails fast. */
const ssh = {
  communicator: 'ssh',
  ssh_username: 'root',
  ssh_host: '127.0.0.1',
  ssh_port: 9,
  ssh_timeout: '1s',
};

interface Case {
  readonly step: string;
  readonly faults: Ec2Faults;
  readonly error: RegExp;
  readonly extra?: Record<string, unknown>;
}

const fail = (action: string, nth = 1) => ({
  failCalls: [
    { action, nth, code: 'InvalidParameterValue', message: `injected into ${action}`, status: 400 },
  ],
});

const cases: Case[] = [
  {
    step: 'StepPreValidate',
    faults: fail('DescribeImages', 1),
    error: /^Error querying AMI: InvalidParameterValue/,
  },
  {
    step: 'StepSourceAMIInfo',
    faults: fail('DescribeImages', 2),
    error: /^Error querying AMI: InvalidParameterValue/,
  },
  {
    step: 'StepKeyPair',
    faults: fail('CreateKeyPair'),
    error: /^Error creating temporary keypair: InvalidParameterValue/,
    extra: ssh,
  },
  {
    step: 'StepSecurityGroup',
    faults: fail('CreateSecurityGroup'),
    error: /^InvalidParameterValue: injected/,
  },
  {
    step: 'StepSecurityGroup (SSH rule)',
    faults: fail('AuthorizeSecurityGroupIngress'),
    error: /^Error authorizing temporary security group: InvalidParameterValue/,
    extra: ssh,
  },
  {
    step: 'StepRunSourceInstance',
    faults: fail('RunInstances'),
    error: /^Error launching source instance: InvalidParameterValue/,
  },
  {
    step: 'StepRunSourceInstance (no capacity)',
    faults: { insufficientCapacity: true },
    error: /^Error launching source instance: InsufficientInstanceCapacity/,
  },
  {
    step: 'StepRunSourceInstance (wait)',
    faults: fail('DescribeInstances'),
    error: /^Error waiting for instance \(i-\w+\) to become ready: InvalidParameterValue/,
  },
  { step: 'StepConnect', faults: {}, error: /SSH|ECONNREFUSED|timed out|timeout/i, extra: ssh },
  {
    step: 'StepStopEBSBackedInstance',
    faults: fail('StopInstances'),
    error: /^Error stopping instance: InvalidParameterValue/,
  },
  { step: 'stepCreateAMI', faults: fail('CreateImage'), error: /^Error creating AMI: InvalidParameterValue/ },
  {
    step: 'stepCreateAMI (AMI fails)',
    faults: { failImageNames: ['fault-*'] },
    error: /^Error waiting for AMI: AMI ami-\w+ in us-east-1 to become available: the AMI is failed/,
  },
  {
    step: 'StepAMIRegionCopy',
    faults: fail('CopyImage'),
    error: /^Error Copying AMI \(ami-\w+\) to region \(eu-west-1\): InvalidParameterValue/,
  },
  {
    step: 'StepModifyAMIAttributes (second region)',
    faults: fail('ModifyImageAttribute', 2),
    error: /^Error modify AMI attributes: InvalidParameterValue/,
  },
  { step: 'StepCreateTags', faults: fail('CreateTags'), error: /^Error adding tags to Resources \(ami-/ },
  {
    step: 'StepEnableDeprecation',
    faults: fail('EnableImageDeprecation'),
    error: /^Error enable AMI deprecation: InvalidParameterValue/,
  },
];

/** Steps and the EC2 call during which the build is cancelled. */
const cancels: { step: string; action: string; extra?: Record<string, unknown> }[] = [
  { step: 'StepPreValidate', action: 'DescribeImages' },
  { step: 'StepKeyPair', action: 'CreateKeyPair', extra: ssh },
  { step: 'StepSecurityGroup', action: 'CreateSecurityGroup' },
  { step: 'StepRunSourceInstance', action: 'RunInstances' },
  { step: 'StepRunSourceInstance (wait)', action: 'DescribeInstances' },
  { step: 'StepStopEBSBackedInstance', action: 'StopInstances' },
  { step: 'stepCreateAMI', action: 'CreateImage' },
  { step: 'StepAMIRegionCopy', action: 'CopyImage' },
  { step: 'StepModifyAMIAttributes', action: 'ModifyImageAttribute' },
  { step: 'StepCreateTags', action: 'CreateTags' },
  { step: 'StepEnableDeprecation', action: 'EnableImageDeprecation' },
];

describe('amazon-ebs faults against the local endpoint', () => {
  let ec2: FakeEndpoint;
  let n = 0;
  before(async () => {
    ec2 = await startFakeEndpoint();
  });
  after(async () => {
    await ec2?.close();
  });

  for (const c of cases) {
    it(`a failure in ${c.step} leaves nothing behind`, async () => {
      ec2.endpoint.setFaults(c.faults);
      const result = await runEbsBuild(
        ebsConfig(ec2.endpoint, { ...full, ami_name: `fault-${++n}`, ...c.extra }),
      );
      ec2.endpoint.setFaults({});
      assert.ok(result.error instanceof Error, `the build failed (${String(result.error)})`);
      assert.match(result.error.message, c.error);
      assert.deepEqual(leftovers(ec2.endpoint), {}, result.ui.lines.join('\n'));
      assert.deepEqual(result.ledger.outstanding(), []);
    });
  }

  for (const c of cancels) {
    it(`a cancellation during ${c.step} (${c.action}) is rethrown and leaves nothing behind`, async () => {
      const controller = new AbortController();
      const reason = Object.assign(new Error('interrupted'), { name: 'AbortError' });
      let fired = false;
      const off = ec2.endpoint.onCall(async (action) => {
        if (action !== c.action || fired) return;
        fired = true;
        controller.abort(reason);
        // The call still goes through on the server, as an interrupted request to AWS may.
        await new Promise((r) => setTimeout(r, 5));
      });
      const result = await runEbsBuild(
        ebsConfig(ec2.endpoint, { ...full, ami_name: `cancel-${++n}`, ...c.extra }),
        {
          signal: controller.signal,
        },
      );
      off();
      assert.ok(fired, `the build called ${c.action}`);
      assert.equal(result.error, reason);
      assert.ok(isCancellation(result.error, controller.signal));
      // Let a request the client gave up on land, then see that it was still cleaned up.
      await new Promise((r) => setTimeout(r, 300));
      await ec2.endpoint.settle();
      assert.deepEqual(leftovers(ec2.endpoint), {}, result.ui.lines.join('\n'));
      assert.deepEqual(result.ledger.outstanding(), []);
    });
  }

  it('builds through throttling of 30% of calls and not-yet-visible new resources, counting each retry', async () => {
    ec2.endpoint.setFaults({ throttleRatio: 0.3, notFoundAfterCreateMs: 1500, seed: 7 });
    const start = ec2.endpoint.calls.length;
    const result = await runEbsBuild(ebsConfig(ec2.endpoint, { ...full, ami_name: `throttled-${++n}` }));
    ec2.endpoint.setFaults({});
    assert.equal(result.error, undefined, String(result.error));
    assert.match(result.artifact!.id, /^eu-west-1:ami-\w+,us-east-1:ami-\w+$/);
    const calls = ec2.endpoint.calls.slice(start);
    const throttled = calls.filter((c) => c.code === 'RequestLimitExceeded').length;
    const notYet = calls.filter((c) => c.code?.endsWith('.NotFound')).length;
    const summary = result.ui.lines.find((l) => l.startsWith('say: EC2 API:'));
    console.log(
      `# ${summary?.slice(5)}; endpoint answered ${calls.length} calls, ${throttled} throttled, ${notYet} not found`,
    );
    assert.ok(throttled >= 10, `${throttled} throttled answers`);
    assert.ok(notYet >= 1, `${notYet} not-found answers`);
    assert.equal(
      summary,
      `say: EC2 API: ${calls.length} calls, ${throttled + notYet} retries (${throttled} throttled, ${notYet} not yet visible, 0 network/server errors)`,
    );
    assert.deepEqual(result.ledger.outstanding(), []);
    await result.artifact!.destroy();
    assert.deepEqual(leftovers(ec2.endpoint), {});
  });
});
