/**
 * StepRunSourceInstance: launches the build instance from the source AMI with the key pair, security
 * groups, user data, block devices and tags, then waits until it runs. The cleanup terminates it (and
 * waits, so the security group can be deleted next) — only if RunInstances returned an id.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { RunInstancesCommandInput } from '@aws-sdk/client-ec2';
import type { Step } from '../../../../sdk/step.js';
import { isEc2Code, rejected } from '../../common/ec2-api.js';
import { ec2Tags, ledgerTags, reportTags } from '../../common/tag-values.js';
import { waitPolicyText } from '../../common/waiter.js';
import type { EbsSettings } from '../settings.js';
import { type EbsState, locate } from '../state.js';
import { findUnconfirmed } from './find-unconfirmed.js';
import { describeInstance, INSTANCE_CEILING_MS, waitForInstance } from './instance-waits.js';

export function stepRunInstance(s: EbsSettings): Step<EbsState> {
  /** Set while RunInstances may have launched an instance whose id we never got. */
  let unconfirmedToken: string | undefined;
  return {
    name: 'StepRunSourceInstance',
    async run(state, ctx) {
      let userData = s.userData ?? '';
      if (s.userDataFile !== undefined) {
        try {
          userData = await readFile(s.userDataFile, 'utf8');
        } catch (error) {
          if (ctx.signal.aborted) throw error;
          throw new Error(`Problem reading user data file: ${(error as Error).message}`, { cause: error });
        }
      }
      // Packer sends user data as given when it already is base64, else encodes it.
      if (!isBase64(userData)) userData = Buffer.from(userData, 'utf8').toString('base64');
      ctx.ui.say('Launching a source AWS instance...');
      const image = state.sourceImage;
      if (!image?.ImageId) throw new Error('internal error: no source image');
      const runTags = ec2Tags(s.runTags, state.buildInfo);
      const volumeTags = ec2Tags(s.runVolumeTags, state.buildInfo);
      const input: RunInstancesCommandInput = {
        ImageId: image.ImageId,
        InstanceType: s.instanceType as RunInstancesCommandInput['InstanceType'],
        UserData: userData === '' ? undefined : userData,
        MinCount: 1,
        MaxCount: 1,
        KeyName: state.keyPairName,
        IamInstanceProfile: s.iamInstanceProfile ? { Name: s.iamInstanceProfile } : undefined,
        BlockDeviceMappings: s.launchMappings.length > 0 ? s.launchMappings : undefined,
        Placement: state.availabilityZone ? { AvailabilityZone: state.availabilityZone } : undefined,
        EbsOptimized: s.ebsOptimized || undefined,
        InstanceInitiatedShutdownBehavior:
          s.shutdownBehavior as RunInstancesCommandInput['InstanceInitiatedShutdownBehavior'],
      };
      if (s.metadata?.http_endpoint === 'enabled' || s.metadata?.http_endpoint === undefined) {
        input.MetadataOptions = {
          HttpEndpoint: 'enabled',
          HttpTokens: (s.metadata?.http_tokens as 'optional' | 'required' | undefined) ?? 'optional',
          HttpPutResponseHopLimit: (s.metadata?.http_put_response_hop_limit as number | undefined) ?? 1,
        };
      }
      // The run-id tag goes on too (not reported: it is imgbuild's, for `imgbuild cleanup`).
      const runIdTags = ledgerTags(state.ledger.tags);
      input.TagSpecifications = [
        { ResourceType: 'instance', Tags: [...runTags, ...runIdTags] },
        { ResourceType: 'volume', Tags: [...volumeTags, ...runIdTags] },
      ];
      if (runTags.length > 0) {
        input.TagSpecifications.push({ ResourceType: 'network-interface', Tags: runTags });
        reportTags(ctx.ui, runTags);
      }
      reportTags(ctx.ui, volumeTags);
      if (state.subnetId !== undefined && s.associatePublicIp !== undefined) {
        ctx.ui.say(
          `changing public IP address config to ${s.associatePublicIp} for instance on subnet "${state.subnetId}"`,
        );
        input.NetworkInterfaces = [
          {
            DeviceIndex: 0,
            AssociatePublicIpAddress: s.associatePublicIp,
            SubnetId: state.subnetId,
            Groups: state.securityGroupIds,
            DeleteOnTermination: true,
          },
        ];
      } else {
        input.SubnetId = state.subnetId;
        input.SecurityGroupIds = state.securityGroupIds;
      }
      // Idempotent retries, and a handle on the instance if the answer is lost.
      input.ClientToken = randomUUID();
      state.instanceEntry = await state.ledger.intend('ec2-instance', {
        ...locate(state),
        clientToken: input.ClientToken,
      });
      let out: Awaited<ReturnType<typeof state.ec2.call<'RunInstances'>>>;
      try {
        out = await state.ec2.call('RunInstances', input, { signal: ctx.signal });
      } catch (error) {
        if (rejected(error)) await state.instanceEntry.release();
        else unconfirmedToken = input.ClientToken;
        if (ctx.signal.aborted) throw error;
        throw new Error(`Error launching source instance: ${(error as Error).message}`, { cause: error });
      }
      const id = out.Instances?.[0]?.InstanceId;
      if (!id) throw new Error('Error launching source instance: the answer has no instance id');
      state.instanceId = id;
      await state.instanceEntry.confirm({ instanceId: id });
      state.buildInfo = { ...state.buildInfo, InstanceId: id };
      ctx.ui.message(`Instance ID: ${id}`);
      ctx.ui.say(`Waiting for instance (${id}) to become ready...`);
      ctx.log.debug(`instance wait: ${waitPolicyText(s.polling, INSTANCE_CEILING_MS)}`);
      try {
        await waitForInstance(state.ec2, id, 'running', s.polling, ctx.signal, (l) => ctx.ui.message(l));
      } catch (error) {
        if (ctx.signal.aborted) throw error;
        throw new Error(`Error waiting for instance (${id}) to become ready: ${(error as Error).message}`, {
          cause: error,
        });
      }
      const instance = await describeInstance(state.ec2, id, ctx.signal);
      if (!instance) throw new Error('Error finding source instance.');
      state.instance = instance;
    },
    async cleanup(state, ctx) {
      if (state.instanceId === undefined && unconfirmedToken !== undefined) {
        const token = unconfirmedToken;
        state.instanceId = await findUnconfirmed(async () => {
          const found = await state.ec2.call(
            'DescribeInstances',
            { Filters: [{ Name: 'client-token', Values: [token] }] },
            { signal: ctx.signal },
          );
          return found.Reservations?.[0]?.Instances?.[0]?.InstanceId;
        }, ctx.signal);
        if (state.instanceId === undefined) await state.instanceEntry?.release();
        unconfirmedToken = undefined;
      }
      const id = state.instanceId;
      if (id === undefined) return;
      ctx.ui.say('Terminating the source AWS instance...');
      try {
        await state.ec2.call('TerminateInstances', { InstanceIds: [id] }, { signal: ctx.signal });
      } catch (error) {
        if (!isEc2Code(error, 'InvalidInstanceID.NotFound')) {
          throw new Error(`Error terminating instance, may still be around: ${(error as Error).message}`, {
            cause: error,
          });
        }
      }
      await waitForInstance(state.ec2, id, 'terminated', s.polling, ctx.signal, (l) => ctx.ui.message(l));
      state.instanceId = undefined;
      await state.instanceEntry?.release();
    },
    describeCleanup: (state) =>
      state.instanceId ? `instance ${state.instanceId} in ${state.ec2.region}` : undefined,
  };
}

/** Strict standard base64 with padding, as Go's StdEncoding.DecodeString accepts. */
export function isBase64(text: string): boolean {
  return text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text);
}
