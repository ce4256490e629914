/** StepEnableDeprecation: with deprecate_at, every AMI of the build is marked deprecated from then on. */
import type { Step } from '../../../../sdk/step.js';
import type { EbsSettings } from '../settings.js';
import type { EbsState } from '../state.js';
import { wrapError } from './fail.js';

export function stepEnableDeprecation(s: EbsSettings): Step<EbsState> {
  return {
    name: 'StepEnableDeprecation',
    async run(state, ctx) {
      if (s.skipCreateAmi || s.deprecateAt === undefined) return;
      const at = new Date(s.deprecateAt);
      for (const [region, ami] of state.amis) {
        ctx.ui.say(`Enabling deprecation on AMI (${ami}) in region "${region}" ...`);
        await state.ec2
          .forRegion(region)
          .call('EnableImageDeprecation', { ImageId: ami, DeprecateAt: at }, { signal: ctx.signal })
          .catch(wrapError(`Error enable AMI deprecation`, ctx.signal));
      }
    },
  };
}
