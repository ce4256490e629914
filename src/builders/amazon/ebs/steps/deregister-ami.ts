/**
 * StepDeregisterAMI: with force_deregister (or -force), AMIs of the same name in the build region and
 * in ami_regions are deregistered first; force_delete_snapshot also deletes their snapshots.
 */
import type { Step } from '../../../../sdk/step.js';
import { snapshotIds } from './ami-helpers.js';
import type { EbsSettings } from '../settings.js';
import type { EbsState } from '../state.js';
import { wrapError } from './fail.js';

export function stepDeregisterAmi(s: EbsSettings): Step<EbsState> {
  return {
    name: 'StepDeregisterAMI',
    async run(state, ctx) {
      if (!s.forceDeregister) return;
      const regions = [...new Set([...s.amiRegions, state.ec2.region])];
      for (const region of regions) {
        const ec2 = state.ec2.forRegion(region);
        const out = await ec2
          .call(
            'DescribeImages',
            { Owners: ['self'], Filters: [{ Name: 'name', Values: [s.amiName] }] },
            { signal: ctx.signal },
          )
          .catch(wrapError(`Error describing AMI`, ctx.signal));
        for (const image of out.Images ?? []) {
          await ec2
            .call('DeregisterImage', { ImageId: image.ImageId }, { signal: ctx.signal })
            .catch(wrapError(`Error deregistering existing AMI`, ctx.signal));
          ctx.ui.say(`Deregistered AMI ${s.amiName}, id: ${image.ImageId}`);
          if (!s.forceDeleteSnapshot) continue;
          for (const snap of snapshotIds(image)) {
            await ec2
              .call('DeleteSnapshot', { SnapshotId: snap }, { signal: ctx.signal })
              .catch(wrapError(`Error deleting existing snapshot`, ctx.signal));
            ctx.ui.say(`Deleted snapshot: ${snap}`);
          }
        }
      }
    },
  };
}
