/**
 * stepCreateAMI: CreateImage from the stopped instance, then wait until the AMI is available and note
 * its snapshots. If the build fails or is cancelled afterwards, the cleanup deregisters the AMI and
 * deletes its snapshots — also when the wait itself failed (Packer leaves that AMI behind).
 */
import { randomBytes } from 'node:crypto';
import type { Step } from '../../../../sdk/step.js';
import { ec2Tags, ledgerTags, tagSpecifications } from '../../common/tag-values.js';
import { waitPolicyText } from '../../common/waiter.js';
import type { EbsSettings } from '../settings.js';
import { type EbsState, locate } from '../state.js';
import { AMI_CEILING_MS, snapshotIds, waitForAmi } from './ami-helpers.js';
import { TrackedAmi } from './tracked-ami.js';

/** Packer's random.AlphaNum(7). */
function temporaryAmiName(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return Array.from(randomBytes(7), (b) => alphabet[b % alphabet.length]).join('');
}

export function stepCreateAmi(s: EbsSettings): Step<EbsState> {
  let ami: TrackedAmi | undefined;
  return {
    name: 'stepCreateAMI',
    async run(state, ctx) {
      if (s.skipCreateAmi) {
        ctx.ui.say('Skipping AMI creation...');
        return;
      }
      const instanceId = state.instanceId;
      if (!instanceId) throw new Error('internal error: no instance');
      // Packer: with encrypt_boot the AMI gets a temporary name; the encrypted copy takes ami_name.
      const name = s.encryptBoot ? temporaryAmiName() : s.amiName;
      ctx.ui.say(`Creating AMI ${name} from instance ${instanceId}`);
      const tags = ledgerTags(state.ledger.tags);
      if (!s.skipAmiRunTags) {
        ctx.ui.say('Attaching run tags to AMI...');
        tags.unshift(...ec2Tags(s.runTags, state.buildInfo));
      } else {
        ctx.ui.say('Skipping attaching run tags to AMI...');
      }
      const entry = await state.ledger.intend('ec2-ami', { ...locate(state), name });
      ami = new TrackedAmi(state.ec2, name, entry);
      let out: Awaited<ReturnType<typeof state.ec2.call<'CreateImage'>>>;
      try {
        out = await state.ec2.call(
          'CreateImage',
          {
            InstanceId: instanceId,
            Name: name,
            BlockDeviceMappings: s.amiMappings.length > 0 ? s.amiMappings : undefined,
            TagSpecifications: tagSpecifications(tags, 'image', 'snapshot'),
          },
          { signal: ctx.signal },
        );
      } catch (error) {
        await ami.createFailed(error);
        if (ctx.signal.aborted) throw error;
        throw new Error(`Error creating AMI: ${(error as Error).message}`, { cause: error });
      }
      const id = out.ImageId;
      if (!id) throw new Error('Error creating AMI: the answer has no image id');
      await ami.created(id);
      ctx.ui.message(`AMI: ${id}`);
      state.amis.set(state.ec2.region, id);
      ctx.ui.say('Waiting for AMI to become ready...');
      ctx.ui.message(`Waiting: ${waitPolicyText(s.polling, AMI_CEILING_MS)}`);
      let image: Awaited<ReturnType<typeof waitForAmi>>;
      try {
        image = await waitForAmi(state.ec2, id, s.polling, ctx.signal, (l) => ctx.ui.message(l));
      } catch (error) {
        if (ctx.signal.aborted) throw error;
        throw new Error(`Error waiting for AMI: ${(error as Error).message}`, { cause: error });
      }
      state.snapshots.set(state.ec2.region, snapshotIds(image));
      await ami.snapshots(snapshotIds(image));
    },
    async cleanup(_state, ctx) {
      if (!ami?.pending) return;
      if (s.encryptBoot) {
        // The unencrypted intermediary never outlives the build, whatever its outcome.
        ctx.ui.say('Deregistering the AMI and deleting unencrypted temporary AMIs and snapshots');
        await ami.settle('failed', ctx.signal, (l) => ctx.ui.say(l));
        ami = undefined;
        return;
      }
      if (ctx.outcome !== 'succeeded') {
        ctx.ui.say(
          'Deregistering the AMI and deleting associated snapshots because of cancellation, or error...',
        );
      }
      await ami.settle(ctx.outcome, ctx.signal, (l) => ctx.ui.say(l));
      ami = undefined;
    },
    describeCleanup: () => (ami?.pending ? ami.describe() : undefined),
  };
}
