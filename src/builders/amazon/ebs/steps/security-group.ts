/**
 * StepSecurityGroup: the given security_group_id(s) are checked to exist; otherwise a temporary group is
 * created, SSH is opened to temporary_security_group_source_cidrs, and the cleanup deletes it (retrying
 * while a terminating instance still holds it: DependencyViolation).
 */
import { randomUUID } from 'node:crypto';
import { sleep } from '../../../../core/retry.js';
import type { Step } from '../../../../sdk/step.js';
import { isEc2Code, rejected } from '../../common/ec2-api.js';
import { ec2Tags, ledgerTags, tagSpecifications } from '../../common/tag-values.js';
import type { EbsSettings } from '../settings.js';
import { findUnconfirmed } from './find-unconfirmed.js';
import { type EbsState, locate } from '../state.js';
import { wrapError } from './fail.js';
import { ec2Filters } from './network-info.js';

const GROUP_NOT_FOUND = ['InvalidGroup.NotFound', 'InvalidSecurityGroupID.NotFound'];
/** How long the cleanup keeps retrying a group still in use (Packer: 5 tries, 5 s apart). */
const DELETE_PATIENCE_MS = 120_000;

export function stepSecurityGroup(s: EbsSettings): Step<EbsState> {
  let unconfirmedName: string | undefined;
  return {
    name: 'StepSecurityGroup',
    async run(state, ctx) {
      if (s.securityGroupIds.length > 0) {
        try {
          await state.ec2.call(
            'DescribeSecurityGroups',
            { GroupIds: [...s.securityGroupIds] },
            { signal: ctx.signal },
          );
        } catch (error) {
          if (ctx.signal.aborted) throw error;
          throw new Error(`Couldn't find specified security group: ${(error as Error).message}`, {
            cause: error,
          });
        }
        ctx.log.debug(`Using specified security groups: ${s.securityGroupIds.join(', ')}`);
        state.securityGroupIds = [...s.securityGroupIds];
        return;
      }
      if (s.securityGroupFilter) {
        const filters = { ...s.securityGroupFilter.filters };
        if (state.vpcId !== undefined) filters['vpc-id'] = state.vpcId;
        const out = await state.ec2
          .call('DescribeSecurityGroups', { Filters: ec2Filters(filters) }, { signal: ctx.signal })
          .catch(wrapError("Couldn't find security groups for filter", ctx.signal));
        const ids = (out.SecurityGroups ?? []).flatMap((g) => (g.GroupId ? [g.GroupId] : []));
        ctx.ui.message(`Found Security Group(s): ${ids.join(', ')}`);
        state.securityGroupIds = ids;
        return;
      }
      const name = `packer_${randomUUID()}`;
      ctx.ui.say(`Creating temporary security group for this instance: ${name}`);
      state.groupEntry = await state.ledger.intend('ec2-security-group', {
        ...locate(state),
        groupName: name,
        vpcId: state.vpcId,
      });
      let out: Awaited<ReturnType<typeof state.ec2.call<'CreateSecurityGroup'>>>;
      try {
        out = await state.ec2.call(
          'CreateSecurityGroup',
          {
            GroupName: name,
            Description: 'Temporary group for Packer',
            VpcId: state.vpcId,
            TagSpecifications: tagSpecifications(
              [...ec2Tags(s.runTags, state.buildInfo), ...ledgerTags(state.ledger.tags)],
              'security-group',
            ),
          },
          { signal: ctx.signal },
        );
      } catch (error) {
        // Rejected: nothing to undo. Otherwise the group may exist: the cleanup looks it up by name.
        if (rejected(error)) await state.groupEntry.release();
        else unconfirmedName = name;
        throw error;
      }
      const id = out.GroupId;
      if (!id) throw new Error(`CreateSecurityGroup returned no group id for ${name}`);
      state.createdGroupId = id;
      await state.groupEntry.confirm({ groupId: id });
      state.securityGroupIds = [id];
      // A new group may be unknown to the next call for a while (eventual consistency).
      await state.ec2
        .call(
          'DescribeSecurityGroups',
          { GroupIds: [id] },
          { signal: ctx.signal, retryCodes: GROUP_NOT_FOUND },
        )
        .catch(wrapError(`Timed out waiting for security group ${id}`, ctx.signal));
      if (s.communicator === 'none') return;
      ctx.ui.say(
        `Authorizing access to port ${s.sshPort} from [${s.temporarySgCidrs.join(' ')}] in the temporary security groups...`,
      );
      await state.ec2
        .call(
          'AuthorizeSecurityGroupIngress',
          {
            GroupId: id,
            IpPermissions: [
              {
                IpProtocol: 'tcp',
                FromPort: s.sshPort,
                ToPort: s.sshPort,
                IpRanges: s.temporarySgCidrs.map((CidrIp) => ({ CidrIp })),
              },
            ],
          },
          { signal: ctx.signal, retryCodes: GROUP_NOT_FOUND },
        )
        .catch(wrapError(`Error authorizing temporary security group`, ctx.signal));
    },
    async cleanup(state, ctx) {
      if (state.createdGroupId === undefined && unconfirmedName !== undefined) {
        const name = unconfirmedName;
        state.createdGroupId = await findUnconfirmed(async () => {
          const found = await state.ec2.call(
            'DescribeSecurityGroups',
            { Filters: [{ Name: 'group-name', Values: [name] }] },
            { signal: ctx.signal },
          );
          return found.SecurityGroups?.[0]?.GroupId;
        }, ctx.signal);
        if (state.createdGroupId === undefined) await state.groupEntry?.release();
        unconfirmedName = undefined;
      }
      const id = state.createdGroupId;
      if (id === undefined) return;
      ctx.ui.say('Deleting temporary security group...');
      const start = Date.now();
      for (let wait = 1000; ; wait = Math.min(wait * 2, 10_000)) {
        try {
          await state.ec2.call('DeleteSecurityGroup', { GroupId: id }, { signal: ctx.signal });
          break;
        } catch (error) {
          if (isEc2Code(error, ...GROUP_NOT_FOUND)) break;
          if (!isEc2Code(error, 'DependencyViolation') || Date.now() - start + wait > DELETE_PATIENCE_MS) {
            throw new Error(
              `Error cleaning up security group. Please delete the group manually: err: ${(error as Error).message}; security group ID: ${id}`,
              { cause: error },
            );
          }
          ctx.log.debug(`Error deleting security group: ${(error as Error).message}`);
          await sleep(wait, ctx.signal);
        }
      }
      state.createdGroupId = undefined;
      await state.groupEntry?.release();
    },
    describeCleanup: (state) =>
      state.createdGroupId ? `security group ${state.createdGroupId} in ${state.ec2.region}` : undefined,
  };
}
