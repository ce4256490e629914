/**
 * StepAMIRegionCopy: copies the AMI to each of ami_regions (once each, not back to the build region,
 * except with encrypt_boot: then every copy, the build region's too, is encrypted with that region's
 * key), in parallel, waiting for every copy. Unlike Packer, a failed or cancelled build also removes the
 * copies (and their snapshots) it made, so nothing of a failed build is left in any region.
 */
import { MultiError } from '../../../../core/errors.js';
import type { Step } from '../../../../sdk/step.js';
import type { EbsSettings } from '../settings.js';
import { type EbsState, locate } from '../state.js';
import { snapshotIds, waitForAmi } from './ami-helpers.js';
import { TrackedAmi } from './tracked-ami.js';

/** Packer's RegionKeyIds: kms_key_id for the build region, region_kms_key_ids for the others. */
function kmsKeyFor(s: EbsSettings, region: string, buildRegion: string): string | undefined {
  if (region === buildRegion && s.kmsKeyId !== undefined) return s.kmsKeyId;
  return s.regionKmsKeyIds[region];
}

export function stepRegionCopy(s: EbsSettings): Step<EbsState> {
  const copies = new Map<string, TrackedAmi>();
  return {
    name: 'StepAMIRegionCopy',
    async run(state, ctx) {
      if (s.skipCreateAmi) {
        ctx.ui.say('Skipping AMI region copy...');
        return;
      }
      const source = state.ec2.region;
      const ami = state.amis.get(source);
      if (!ami) throw new Error('internal error: no AMI to copy');
      // With encrypt_boot the build region gets an encrypted copy too (Packer's intermediary image).
      const regions = s.encryptBoot
        ? [...new Set([source, ...s.amiRegions])]
        : [...new Set(s.amiRegions)].filter((r) => r !== source);
      if (regions.length === 0) return;
      ctx.ui.say(`Copying/Encrypting AMI (${ami}) to other regions...`);
      const jobs = regions.map(async (region) => {
        ctx.ui.message(`Copying to: ${region}`);
        const ec2 = state.ec2.forRegion(region);
        const copy = new TrackedAmi(
          ec2,
          s.amiName,
          await state.ledger.intend('ec2-ami', { ...locate(state, region), name: s.amiName }),
        );
        copies.set(region, copy);
        let out: Awaited<ReturnType<typeof ec2.call<'CopyImage'>>>;
        try {
          out = await ec2.call(
            'CopyImage',
            {
              SourceRegion: source,
              SourceImageId: ami,
              Name: s.amiName,
              CopyImageTags: true,
              ...(s.encryptBoot ? { Encrypted: true, KmsKeyId: kmsKeyFor(s, region, source) } : {}),
            },
            { signal: ctx.signal },
          );
        } catch (error) {
          await copy.createFailed(error);
          if (ctx.signal.aborted) throw error;
          throw new Error(`Error Copying AMI (${ami}) to region (${region}): ${(error as Error).message}`, {
            cause: error,
          });
        }
        const id = out.ImageId;
        if (!id)
          throw new Error(`Error Copying AMI (${ami}) to region (${region}): no image id in the answer`);
        await copy.created(id);
        state.amis.set(region, id);
        let image: Awaited<ReturnType<typeof waitForAmi>>;
        try {
          image = await waitForAmi(ec2, id, s.polling, ctx.signal, (l) => ctx.ui.message(l));
        } catch (error) {
          if (ctx.signal.aborted) throw error;
          throw new Error(
            `Error waiting for AMI (${ami}) in region (${region}): ${(error as Error).message}`,
            {
              cause: error,
            },
          );
        }
        state.snapshots.set(region, snapshotIds(image));
        await copy.snapshots(snapshotIds(image));
      });
      ctx.ui.message('Waiting for all copies to complete...');
      const results = await Promise.allSettled(jobs);
      if (ctx.signal.aborted) throw ctx.signal.reason;
      const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
      if (errors.length === 1) throw errors[0];
      if (errors.length > 1) throw new MultiError(errors);
    },
    async cleanup(_state, ctx) {
      const pending = [...copies.values()].filter((c) => c.pending);
      if (pending.length === 0) return;
      if (ctx.outcome !== 'succeeded') {
        ctx.ui.say('Deregistering the AMI copies in other regions because of cancellation, or error...');
      }
      const failures: Error[] = [];
      for (const copy of pending) {
        try {
          await copy.settle(ctx.outcome, ctx.signal, (l) => ctx.ui.say(`${l} (${copy.ec2.region})`));
        } catch (error) {
          failures.push(error as Error);
        }
      }
      if (failures.length > 0) throw failures.length === 1 ? failures[0] : new MultiError(failures);
    },
    describeCleanup: () => {
      const pending = [...copies.values()].filter((c) => c.pending);
      return pending.length > 0 ? pending.map((c) => c.describe()).join(', ') : undefined;
    },
  };
}
