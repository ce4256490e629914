/**
 * The amazon-ebs builder's run (packer-plugin-amazon builder/ebs): a flat list of steps, each undoing
 * what it created, then the artifact. The EC2 SDK is loaded here, only by builds that use it; every
 * retry of every call is counted and reported at the end.
 */
import type { Artifact } from '../../../sdk/artifact.js';
import type { BuildRunContext } from '../../../sdk/plugin.js';
import type { Step } from '../../../sdk/step.js';
import { ApiStats } from '../common/api-retry.js';
import { accessSettings, createEc2 } from '../common/client.js';
import type { AmazonEbsConfig } from '../ebs-config.js';
import { amiArtifact } from './artifact.js';
import { ebsSettings } from './settings.js';
import { type EbsState, newEbsState } from './state.js';
import { stepCreateAmi } from './steps/create-ami.js';
import { stepCreateTags } from './steps/create-tags.js';
import { stepConnect } from './steps/connect.js';
import { stepEnableDeprecation } from './steps/deprecation.js';
import { stepDeregisterAmi } from './steps/deregister-ami.js';
import { stepKeyPair } from './steps/key-pair.js';
import { stepModifyAttributes } from './steps/modify-attributes.js';
import { stepNetworkInfo } from './steps/network-info.js';
import { stepPreValidate } from './steps/pre-validate.js';
import { buildVars, stepProvision } from './steps/provision.js';
import { stepRegionCopy } from './steps/region-copy.js';
import { stepRunInstance } from './steps/run-instance.js';
import { stepSecurityGroup } from './steps/security-group.js';
import { stepSourceAmi } from './steps/source-ami.js';
import { stepStopInstance } from './steps/stop-instance.js';

export async function runAmazonEbs(
  config: AmazonEbsConfig,
  ctx: BuildRunContext,
): Promise<Artifact | undefined> {
  const settings = ebsSettings(config, ctx.force);
  const stats = new ApiStats();
  const access = {
    ...accessSettings(config),
    onRetry: (action: string, code: string, retry: number, waitMs: number) =>
      ctx.log.debug(`EC2 ${action}: ${code}, retry ${retry} in ${waitMs}ms`),
  };
  const ec2 = await createEc2(access, stats);
  const state = newEbsState(ec2, ctx.ledger, access.profile);
  const steps = ebsSteps(settings, config, ctx);
  try {
    await ctx.runSteps(steps, state);
  } finally {
    // Said on failure too: retries explain slow or failed builds.
    ctx.ui.say(stats.summary());
    for (const [action, n] of stats.byAction) ctx.log.debug(`EC2 ${action}: ${n} retries`);
  }
  if (state.amis.size === 0) return undefined;
  return amiArtifact(state.amis, ec2, buildVars(state, settings, config, ctx.runId));
}

export function ebsSteps(
  s: ReturnType<typeof ebsSettings>,
  config: AmazonEbsConfig,
  ctx: BuildRunContext,
): Step<EbsState>[] {
  return [
    stepPreValidate(s),
    stepSourceAmi(s),
    stepNetworkInfo(s),
    stepKeyPair(s, config),
    stepSecurityGroup(s),
    stepRunInstance(s),
    stepConnect(s, config),
    stepProvision(s, config, ctx),
    stepStopInstance(s),
    stepDeregisterAmi(s),
    stepCreateAmi(s),
    stepRegionCopy(s),
    stepModifyAttributes(s),
    stepCreateTags(s),
    stepEnableDeprecation(s),
  ];
}
