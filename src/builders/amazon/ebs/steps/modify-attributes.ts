/**
 * StepModifyAMIAttributes: the description, launch permissions (ami_users, ami_groups) of every AMI and
 * the create-volume permissions (snapshot_users, snapshot_groups) of every snapshot, region by region.
 */
import type {
  ModifyImageAttributeCommandInput,
  ModifySnapshotAttributeCommandInput,
} from '@aws-sdk/client-ec2';
import type { Step } from '../../../../sdk/step.js';
import { renderBuildInfo } from '../../common/tag-values.js';
import type { EbsSettings } from '../settings.js';
import type { EbsState } from '../state.js';
import { wrapError } from './fail.js';

export function stepModifyAttributes(s: EbsSettings): Step<EbsState> {
  return {
    name: 'StepModifyAMIAttributes',
    async run(state, ctx) {
      if (s.skipCreateAmi) {
        ctx.ui.say('Skipping AMI modify attributes...');
        return;
      }
      const image: [string, Omit<ModifyImageAttributeCommandInput, 'ImageId'>][] = [];
      if (s.amiDescription !== undefined) {
        image.push([
          'description',
          { Description: { Value: renderBuildInfo(s.amiDescription, state.buildInfo) } },
        ]);
      }
      if (s.amiGroups.length > 0) {
        image.push([
          'groups',
          {
            UserGroups: [...s.amiGroups],
            LaunchPermission: { Add: s.amiGroups.map((g) => ({ Group: g as 'all' })) },
          },
        ]);
      }
      if (s.amiUsers.length > 0) {
        image.push([
          'users',
          { UserIds: [...s.amiUsers], LaunchPermission: { Add: s.amiUsers.map((u) => ({ UserId: u })) } },
        ]);
      }
      const snapshot: [string, Omit<ModifySnapshotAttributeCommandInput, 'SnapshotId'>][] = [];
      if (s.snapshotGroups.length > 0) {
        snapshot.push([
          'groups',
          {
            GroupNames: [...s.snapshotGroups],
            CreateVolumePermission: { Add: s.snapshotGroups.map((g) => ({ Group: g as 'all' })) },
          },
        ]);
      }
      if (s.snapshotUsers.length > 0) {
        snapshot.push([
          'users',
          {
            UserIds: [...s.snapshotUsers],
            CreateVolumePermission: { Add: s.snapshotUsers.map((u) => ({ UserId: u })) },
          },
        ]);
      }
      if (image.length === 0 && snapshot.length === 0) return;
      for (const [region, ami] of state.amis) {
        if (image.length === 0) break;
        ctx.ui.say(`Modifying attributes on AMI (${ami})...`);
        const ec2 = state.ec2.forRegion(region);
        for (const [name, input] of image) {
          ctx.ui.message(`Modifying: ${name}`);
          await ec2
            .call(
              'ModifyImageAttribute',
              { ...input, ImageId: ami },
              { signal: ctx.signal, retryCodes: ['InvalidAMIID.NotFound'] },
            )
            .catch(wrapError(`Error modify AMI attributes`, ctx.signal));
        }
      }
      for (const [region, snaps] of state.snapshots) {
        if (snapshot.length === 0) break;
        const ec2 = state.ec2.forRegion(region);
        for (const snap of snaps) {
          ctx.ui.say(`Modifying attributes on snapshot (${snap})...`);
          for (const [name, input] of snapshot) {
            ctx.ui.message(`Modifying: ${name}`);
            await ec2
              .call(
                'ModifySnapshotAttribute',
                { ...input, SnapshotId: snap },
                { signal: ctx.signal, retryCodes: ['InvalidSnapshot.NotFound'] },
              )
              .catch(wrapError(`Error modify snapshot attributes`, ctx.signal));
          }
        }
      }
    },
  };
}
