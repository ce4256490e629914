/** Describing, waiting for and removing AMIs with their snapshots (shared by the AMI steps). */
import type { Ec2, Image } from '../../common/ec2-api.js';
import { isEc2Code } from '../../common/ec2-api.js';
import { type PollingSettings, waitFor } from '../../common/waiter.js';

export const AMI_NOT_FOUND = ['InvalidAMIID.NotFound'];
/** Without aws_polling: large or copied AMIs can take long; the wait follows their state up to this. */
export const AMI_CEILING_MS = 6 * 3_600_000;

export async function describeImage(ec2: Ec2, id: string, signal: AbortSignal): Promise<Image | undefined> {
  const out = await ec2.call('DescribeImages', { ImageIds: [id] }, { signal, retryCodes: AMI_NOT_FOUND });
  return out.Images?.[0];
}

export function snapshotIds(image: Image | undefined): string[] {
  return (image?.BlockDeviceMappings ?? []).flatMap((m) => (m.Ebs?.SnapshotId ? [m.Ebs.SnapshotId] : []));
}

export function waitForAmi(
  ec2: Ec2,
  id: string,
  polling: PollingSettings,
  signal: AbortSignal,
  progress: (line: string) => void,
): Promise<Image | undefined> {
  return waitFor<Image | undefined>(
    {
      what: `AMI ${id} in ${ec2.region} to become available`,
      ceilingMs: AMI_CEILING_MS,
      poll: (s) => describeImage(ec2, id, s),
      observe(image) {
        if (!image) return { failed: 'the AMI is gone' };
        if (image.State === 'available') return { done: true };
        if (image.State === 'pending') return { done: false, state: 'pending' };
        const reason = image.StateReason ? ` (${image.StateReason.Code}: ${image.StateReason.Message})` : '';
        return { failed: `the AMI is ${image.State ?? 'in an unknown state'}${reason}` };
      },
    },
    polling,
    { signal, progress },
  );
}

/** Deregisters an AMI and deletes its snapshots; an AMI already gone is fine. Says what it removed. */
export async function destroyAmi(
  ec2: Ec2,
  id: string,
  signal: AbortSignal,
  say: (line: string) => void,
): Promise<void> {
  let image: Image | undefined;
  try {
    image = (await ec2.call('DescribeImages', { ImageIds: [id] }, { signal })).Images?.[0];
  } catch (error) {
    if (!isEc2Code(error, ...AMI_NOT_FOUND))
      throw new Error(`Error describing AMI: ${(error as Error).message}`, { cause: error });
  }
  if (!image) return;
  await ec2.call('DeregisterImage', { ImageId: id }, { signal }).catch((error: Error) => {
    if (!isEc2Code(error, ...AMI_NOT_FOUND))
      throw new Error(`Error deregistering existing AMI: ${error.message}`, { cause: error });
  });
  say(`Deregistered AMI id: ${id}`);
  for (const snap of snapshotIds(image)) {
    await ec2.call('DeleteSnapshot', { SnapshotId: snap }, { signal }).catch((error: Error) => {
      if (!isEc2Code(error, 'InvalidSnapshot.NotFound')) {
        throw new Error(`Error deleting existing snapshot: ${error.message}`, { cause: error });
      }
    });
    say(`Deleted snapshot: ${snap}`);
  }
}
