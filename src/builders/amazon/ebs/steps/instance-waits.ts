/** Waiting for a build instance to run, stop or terminate (Packer's WaitUntilInstance* waiters). */
import type { Ec2, Instance } from '../../common/ec2-api.js';
import { isEc2Code } from '../../common/ec2-api.js';
import { type Observed, type PollingSettings, waitFor } from '../../common/waiter.js';

const INSTANCE_NOT_FOUND = ['InvalidInstanceID.NotFound'];
/** Ceilings when aws_polling is not set: generous, far above what the transitions normally take. */
export const INSTANCE_CEILING_MS = 30 * 60_000;

export type InstanceTarget = 'running' | 'stopped' | 'terminated';

/** The states from which each target can still be reached; anything else fails the wait. */
const ON_THE_WAY: Record<InstanceTarget, readonly string[]> = {
  running: ['pending'],
  stopped: ['pending', 'running', 'stopping'],
  terminated: ['pending', 'running', 'stopping', 'stopped', 'shutting-down'],
};

export async function describeInstance(
  ec2: Ec2,
  id: string,
  signal: AbortSignal,
  retryNotFound = true,
): Promise<Instance | undefined> {
  const out = await ec2.call(
    'DescribeInstances',
    { InstanceIds: [id] },
    { signal, retryCodes: retryNotFound ? INSTANCE_NOT_FOUND : [] },
  );
  return out.Reservations?.[0]?.Instances?.[0];
}

export function waitForInstance(
  ec2: Ec2,
  id: string,
  target: InstanceTarget,
  polling: PollingSettings,
  signal: AbortSignal,
  progress: (line: string) => void,
): Promise<Instance | undefined> {
  return waitFor<Instance | undefined>(
    {
      what: `instance ${id} to be ${target}`,
      ceilingMs: INSTANCE_CEILING_MS,
      async poll(s) {
        try {
          // A terminated instance may vanish from the answers: that is the end it was heading to.
          return await describeInstance(ec2, id, s, target !== 'terminated');
        } catch (error) {
          if (target === 'terminated' && isEc2Code(error, ...INSTANCE_NOT_FOUND)) return undefined;
          throw error;
        }
      },
      observe(instance): Observed {
        if (instance === undefined) {
          return target === 'terminated' ? { done: true } : { failed: 'the instance is gone' };
        }
        const name = instance.State?.Name ?? 'unknown';
        if (name === target) return { done: true };
        if (ON_THE_WAY[target].includes(name)) return { done: false, state: name };
        const reason = instance.StateReason?.Message ?? instance.StateTransitionReason;
        return { failed: `the instance is ${name}${reason ? ` (${reason})` : ''}` };
      },
    },
    polling,
    { signal, progress },
  );
}
