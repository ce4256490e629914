/**
 * StepCreateTags: `tags` on every AMI and its snapshots, then `snapshot_tags` on the snapshots, in each
 * region; values may use the build data ({{ .SourceAMI }}…). New ids may not be visible yet: retried.
 */
import type { Step } from '../../../../sdk/step.js';
import { ec2Tags, reportTags } from '../../common/tag-values.js';
import type { EbsSettings } from '../settings.js';
import type { EbsState } from '../state.js';
import { describeImage, snapshotIds } from './ami-helpers.js';
import { wrapError } from './fail.js';

const NOT_YET = ['InvalidAMIID.NotFound', 'InvalidSnapshot.NotFound'];

export function stepCreateTags(s: EbsSettings): Step<EbsState> {
  return {
    name: 'StepCreateTags',
    async run(state, ctx) {
      if (s.skipCreateAmi) {
        ctx.ui.say('Skipping AMI create tags...');
        return;
      }
      if (s.amiTags.size === 0 && s.snapshotTags.size === 0) return;
      for (const [region, ami] of state.amis) {
        ctx.ui.say(`Adding tags to AMI (${ami})...`);
        const ec2 = state.ec2.forRegion(region);
        const image = await describeImage(ec2, ami, ctx.signal).catch(
          wrapError(`Error retrieving details for AMI (${ami})`, ctx.signal),
        );
        if (!image) throw new Error(`Error retrieving details for AMI (${ami}), no images found`);
        const snaps = snapshotIds(image);
        for (const snap of snaps) ctx.ui.say(`Tagging snapshot: ${snap}`);
        const info = { ...state.buildInfo, BuildRegion: region };
        ctx.ui.say('Creating AMI tags');
        const amiTags = ec2Tags(s.amiTags, info);
        reportTags(ctx.ui, amiTags);
        ctx.ui.say('Creating snapshot tags');
        const snapTags = ec2Tags(s.snapshotTags, info);
        reportTags(ctx.ui, snapTags);
        const resources = [ami, ...snaps];
        try {
          if (amiTags.length > 0) {
            await ec2.call(
              'CreateTags',
              { Resources: resources, Tags: amiTags },
              { signal: ctx.signal, retryCodes: NOT_YET },
            );
          }
          // Snapshot tags override AMI tags of the same key on the snapshots.
          if (snapTags.length > 0 && snaps.length > 0) {
            await ec2.call(
              'CreateTags',
              { Resources: snaps, Tags: snapTags },
              { signal: ctx.signal, retryCodes: NOT_YET },
            );
          }
        } catch (error) {
          if (ctx.signal.aborted) throw error;
          throw new Error(
            `Error adding tags to Resources (${resources.join(', ')}): ${(error as Error).message}`,
            {
              cause: error,
            },
          );
        }
      }
    },
  };
}
