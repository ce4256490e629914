/**
 * The provision hook (Packer's ProvisionHook): runs a build's provisioners in order over the builder's
 * communicator, each wrapped as Packer wraps them — retried (max_retries) around a time limit
 * (timeout) around a pause (pause_before), so every attempt pauses and gets the whole time limit.
 * With -debug it asks before each provisioner.
 */
import type { PlannedProvisioner } from '../template/plan.js';
import type { ProvisionContext } from '../sdk/plugin.js';
import { goDuration } from './durations.js';
import { errorMessage } from './errors.js';
import { raceAbort, sleep, withRetries, withTimeout } from './retry.js';
import { untilAborted } from './step-decorators.js';

/** How long a cancelled provisioner may take to stop its remote work before cleanup goes on without it. */
const CANCEL_GRACE_MS = 5_000;

export interface ProvisionHookOptions {
  readonly debug?: boolean;
  /**
   * The configuration to run a provisioner with, given the build's values (build.Host…): arguments
   * that depended on them were unknown when the template was planned. Default: the planned config.
   */
  readonly resolveConfig?: (p: PlannedProvisioner, buildVars: Readonly<Record<string, unknown>>) => unknown;
}

export function provisionerLabel(p: PlannedProvisioner): string {
  return p.name && p.name !== p.type ? `${p.name} (type ${p.type})` : p.type;
}

/** Runs every provisioner; the first failure (after its retries) stops the rest and is thrown. */
export async function runProvisioners(
  provisioners: readonly PlannedProvisioner[],
  ctx: ProvisionContext,
  opts: ProvisionHookOptions = {},
): Promise<void> {
  // Without a communicator (communicator = "none") provisioners still run: those that need a link
  // fail on their own, as with Packer's `none` communicator; shell-local and breakpoint work.
  for (const p of provisioners) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    if (opts.debug) {
      try {
        await untilAborted(
          ctx.ui.ask('Pausing before the next provisioner . Press enter to continue.'),
          ctx.signal,
        );
      } catch {
        // No terminal to ask on: carry on.
      }
    }
    await runOne(p, ctx, opts);
  }
}

/** One provisioner with its pause_before, timeout and max_retries. */
export async function runOne(
  p: PlannedProvisioner,
  ctx: ProvisionContext,
  opts: ProvisionHookOptions = {},
): Promise<void> {
  const def = p.definition as unknown as { run?: ProvisionRun };
  if (!def.run) throw new Error(`The ${p.type} provisioner cannot run builds (it has no run()).`);
  const run: ProvisionRun = (c, x) => def.run!(c, x);
  const config = opts.resolveConfig ? opts.resolveConfig(p, ctx.buildVars) : p.config;
  const label = provisionerLabel(p);
  ctx.log.debug(`provisioner ${label}: starting`);
  const attempt = async () => {
    if (p.pauseBefore) {
      ctx.ui.say(`Pausing ${goDuration(p.pauseBefore)} before the next provisioner...`);
      await sleep(p.pauseBefore, ctx.signal);
    }
    if (!p.timeout) return raceAbort(run(config, ctx), ctx.signal, CANCEL_GRACE_MS);
    const limit = p.timeout;
    ctx.ui.say(`Setting a ${goDuration(limit)} timeout for the next provisioner...`);
    return withTimeout(
      limit,
      ctx.signal,
      `provisioner ${label}`,
      (signal) => raceAbort(run(config, { ...ctx, signal }), signal, CANCEL_GRACE_MS),
      () => ctx.ui.error('Cancelling provisioner after a timeout...'),
    );
  };
  try {
    await withRetries(attempt, {
      retries: p.maxRetries ?? 0,
      signal: ctx.signal,
      onRetry: (error, left) =>
        ctx.ui.say(
          `Provisioner failed with ${JSON.stringify(errorMessage(error))}, retrying with ${left} trie(s) left`,
        ),
    });
  } catch (error) {
    if (p.maxRetries && !ctx.signal.aborted) ctx.ui.say('retry limit reached.');
    throw error;
  }
}

type ProvisionRun = (config: unknown, ctx: ProvisionContext) => Promise<void>;
