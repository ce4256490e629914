/**
 * `imgbuild cleanup` for what an amazon build left: instances (terminated, then waited for, so their
 * security group can go), security groups, key pairs, and AMIs of failed builds with their snapshots.
 * A resource whose create call never returned an id is looked up by the run's `imgbuild-run-id` tag
 * (every create carries it), so nothing of another run or of the user's is touched. Credentials come
 * from the SDK's standard chain: the ledger holds region, endpoint and profile only.
 */
import type { CleanerContext, ResourceCleaner, ResourceData } from '../../../sdk/ledger.js';
import { runIdTag } from '../../../sdk/ledger.js';
import type { Ec2 } from './ec2-api.js';

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
const strs = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** How long an instance may take to reach `terminated` (AWS usually needs under two minutes). */
const terminateTimeoutMs = 15 * 60_000;
/** DeleteSecurityGroup fails with DependencyViolation until the instance's network interface is gone. */
const dependencyTimeoutMs = 5 * 60_000;
const pollMs = 2000;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        reject(signal.reason);
      },
      { once: true },
    );
  });

async function ec2For(data: ResourceData): Promise<Ec2> {
  const { createEc2 } = await import('./client.js');
  return createEc2({
    region: str(data.region),
    endpoint: str(data.endpoint),
    profile: str(data.profile),
    maxRetries: 10,
  });
}

function where(data: ResourceData): string {
  const endpoint = str(data.endpoint);
  return `in ${str(data.region) ?? 'the default region'}${endpoint ? ` (${endpoint})` : ''}`;
}

const runFilter = (ctx: CleanerContext) => ({ Name: `tag:${runIdTag}`, Values: [ctx.runId] });

async function notFound(error: unknown, ...codes: string[]): Promise<boolean> {
  const { isEc2Code } = await import('./ec2-api.js');
  return isEc2Code(error, ...codes);
}

export const ec2InstanceCleaner: ResourceCleaner = {
  kind: 'ec2-instance',
  describe: (d) =>
    str(d.instanceId)
      ? `EC2 instance ${d.instanceId} ${where(d)}`
      : `EC2 instance of this run ${where(d)} (its id was never recorded; looked up by tag)`,
  async remove(data, ctx) {
    const ec2 = await ec2For(data);
    const opts = { signal: ctx.signal };
    let ids = str(data.instanceId) ? [str(data.instanceId)!] : [];
    if (ids.length === 0) {
      const filters = [runFilter(ctx)];
      const token = str(data.clientToken);
      if (token) filters.push({ Name: 'client-token', Values: [token] });
      const out = await ec2.call('DescribeInstances', { Filters: filters }, opts);
      ids = (out.Reservations ?? [])
        .flatMap((r) => r.Instances ?? [])
        .flatMap((i) => (i.InstanceId ? [i.InstanceId] : []));
      if (ids.length === 0) return;
    }
    try {
      await ec2.call('TerminateInstances', { InstanceIds: ids }, opts);
    } catch (error) {
      if (await notFound(error, 'InvalidInstanceID.NotFound', 'InvalidInstanceID.Malformed')) return;
      throw error;
    }
    const deadline = Date.now() + terminateTimeoutMs;
    let said = false;
    for (;;) {
      const out = await ec2.call('DescribeInstances', { InstanceIds: ids }, opts).catch(async (error) => {
        if (await notFound(error, 'InvalidInstanceID.NotFound')) return undefined;
        throw error;
      });
      const states = (out?.Reservations ?? []).flatMap((r) => r.Instances ?? []).map((i) => i.State?.Name);
      if (states.every((s) => s === 'terminated')) return;
      if (Date.now() > deadline) {
        throw new Error(
          `instance(s) ${ids.join(', ')} not terminated after ${terminateTimeoutMs / 60_000} minutes`,
        );
      }
      if (!said) ctx.say(`waiting for ${ids.join(', ')} to terminate`);
      said = true;
      await sleep(pollMs, ctx.signal);
    }
  },
};

export const ec2SecurityGroupCleaner: ResourceCleaner = {
  kind: 'ec2-security-group',
  describe: (d) => `EC2 security group ${str(d.groupId) ?? str(d.groupName) ?? '(unnamed)'} ${where(d)}`,
  async remove(data, ctx) {
    const ec2 = await ec2For(data);
    const opts = { signal: ctx.signal };
    let ids = str(data.groupId) ? [str(data.groupId)!] : [];
    if (ids.length === 0) {
      const name = str(data.groupName);
      const filters = [runFilter(ctx), ...(name ? [{ Name: 'group-name', Values: [name] }] : [])];
      const out = await ec2.call('DescribeSecurityGroups', { Filters: filters }, opts);
      ids = (out.SecurityGroups ?? []).flatMap((g) => (g.GroupId ? [g.GroupId] : []));
    }
    for (const id of ids) {
      const deadline = Date.now() + dependencyTimeoutMs;
      for (;;) {
        try {
          await ec2.call('DeleteSecurityGroup', { GroupId: id }, opts);
          break;
        } catch (error) {
          if (await notFound(error, 'InvalidGroup.NotFound', 'InvalidGroupId.Malformed')) break;
          if (!(await notFound(error, 'DependencyViolation')) || Date.now() > deadline) throw error;
          await sleep(pollMs, ctx.signal);
        }
      }
    }
  },
};

export const ec2KeyPairCleaner: ResourceCleaner = {
  kind: 'ec2-key-pair',
  describe: (d) => `EC2 key pair ${str(d.keyName) ?? str(d.keyPairId) ?? '(unnamed)'} ${where(d)}`,
  async remove(data, ctx) {
    const ec2 = await ec2For(data);
    const id = str(data.keyPairId);
    const name = str(data.keyName);
    if (!id && !name) return;
    try {
      // EC2 answers success for a key pair that does not exist.
      await ec2.call('DeleteKeyPair', id ? { KeyPairId: id } : { KeyName: name }, { signal: ctx.signal });
    } catch (error) {
      if (!(await notFound(error, 'InvalidKeyPair.NotFound'))) throw error;
    }
  },
};

export const ec2AmiCleaner: ResourceCleaner = {
  kind: 'ec2-ami',
  describe: (d) => {
    const snaps = strs(d.snapshotIds);
    const what = str(d.imageId) ?? `named ${JSON.stringify(str(d.name) ?? '')}`;
    return `AMI ${what}${snaps.length > 0 ? ` and snapshot(s) ${snaps.join(', ')}` : ''} ${where(d)}`;
  },
  async remove(data, ctx) {
    const ec2 = await ec2For(data);
    const opts = { signal: ctx.signal };
    const id = str(data.imageId);
    const name = str(data.name);
    // By tag alone it could be another build's kept AMI of the same run: an id or the name is needed.
    if (!id && !name) return;
    const filters = id ? undefined : [runFilter(ctx), ...(name ? [{ Name: 'name', Values: [name] }] : [])];
    const found = await ec2
      .call('DescribeImages', id ? { ImageIds: [id] } : { Filters: filters }, opts)
      .catch(async (error) => {
        if (await notFound(error, 'InvalidAMIID.NotFound', 'InvalidAMIID.Unavailable')) return undefined;
        throw error;
      });
    const images = found?.Images ?? [];
    const snapshots = new Set(strs(data.snapshotIds));
    for (const image of images) {
      for (const m of image.BlockDeviceMappings ?? []) if (m.Ebs?.SnapshotId) snapshots.add(m.Ebs.SnapshotId);
      try {
        await ec2.call('DeregisterImage', { ImageId: image.ImageId! }, opts);
      } catch (error) {
        if (!(await notFound(error, 'InvalidAMIID.NotFound', 'InvalidAMIID.Unavailable'))) throw error;
      }
    }
    for (const snapshot of snapshots) {
      try {
        await ec2.call('DeleteSnapshot', { SnapshotId: snapshot }, opts);
      } catch (error) {
        if (!(await notFound(error, 'InvalidSnapshot.NotFound'))) throw error;
      }
    }
  },
};

export const ec2Cleaners: readonly ResourceCleaner[] = [
  ec2InstanceCleaner,
  ec2SecurityGroupCleaner,
  ec2KeyPairCleaner,
  ec2AmiCleaner,
];
