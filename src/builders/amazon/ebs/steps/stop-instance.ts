/** StepStopEBSBackedInstance: stops the instance (unless disable_stop_instance) and waits until it is stopped. */
import type { Step } from '../../../../sdk/step.js';
import type { EbsSettings } from '../settings.js';
import type { EbsState } from '../state.js';
import { waitForInstance } from './instance-waits.js';
import { wrapError } from './fail.js';

export function stepStopInstance(s: EbsSettings): Step<EbsState> {
  return {
    name: 'StepStopEBSBackedInstance',
    async run(state, ctx) {
      const id = state.instanceId;
      if (!id) throw new Error('internal error: no instance');
      // The provisioning link is of no further use, and a guest going down would break it anyway.
      await state.communicator?.close();
      state.communicator = undefined;
      if (!s.disableStopInstance) {
        ctx.ui.say('Stopping the source instance...');
        ctx.ui.message('Stopping instance');
        await state.ec2
          .call(
            'StopInstances',
            { InstanceIds: [id] },
            { signal: ctx.signal, retryCodes: ['InvalidInstanceID.NotFound'] },
          )
          .catch(wrapError(`Error stopping instance`, ctx.signal));
      } else {
        ctx.ui.say('Automatic instance stop disabled. Please stop instance manually.');
      }
      ctx.ui.say('Waiting for the instance to stop...');
      try {
        await waitForInstance(state.ec2, id, 'stopped', s.polling, ctx.signal, (l) => ctx.ui.message(l));
      } catch (error) {
        if (ctx.signal.aborted) throw error;
        throw new Error(`Error waiting for instance to stop: ${(error as Error).message}`, { cause: error });
      }
    },
  };
}
