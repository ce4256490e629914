/**
 * The null builder's run (Packer's builder/null): connect to the existing host (StepConnect), run the
 * provisioners over that link (StepProvision), close it, and return an artifact that is nothing.
 * `communicator = "none"` runs the provisioners without a link (shell-local, breakpoint).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { parseGoDuration } from '../../hcl/functions/gotime.js';
import type { Artifact } from '../../sdk/artifact.js';
import type { Communicator } from '../../sdk/communicator.js';
import type { BuildRunContext } from '../../sdk/plugin.js';
import type { Step, StepContext } from '../../sdk/step.js';
import { nullArtifact } from './artifact.js';
import { nullBuildVars } from './build-vars.js';
import type { NullBuilderConfig } from './config.js';

interface NullState {
  communicator?: Communicator;
}

export async function runNullBuilder(config: NullBuilderConfig, ctx: BuildRunContext): Promise<Artifact> {
  const state: NullState = {};
  await ctx.runSteps([stepConnect(config), stepProvision(config, ctx)], state);
  return nullArtifact();
}

function stepConnect(config: NullBuilderConfig): Step<NullState> {
  return {
    name: 'StepConnect',
    async run(state, ctx) {
      const type =
        typeof config.communicator === 'string' && config.communicator !== '' ? config.communicator : 'ssh';
      if (type === 'none') {
        ctx.log.debug('communicator disabled, will not connect');
        return;
      }
      if (type !== 'ssh') {
        throw new Error(
          `communicator "${type}" is not supported by imgbuild's null builder; use "ssh" or "none"`,
        );
      }
      state.communicator = await connectSsh(config, ctx);
      const pause = durationMs(config.pause_before_connecting);
      if (pause > 0) {
        // Packer connects once (the machine is up), waits, then connects for good.
        ctx.ui.say(`Pausing ${config.pause_before_connecting} before connecting...`);
        await state.communicator.close();
        state.communicator = undefined;
        await sleep(pause, undefined, { signal: ctx.signal });
        state.communicator = await connectSsh(config, ctx);
      }
    },
    async cleanup(state) {
      await state.communicator?.close();
      state.communicator = undefined;
    },
    describeCleanup: (state) => (state.communicator ? 'the SSH connection' : undefined),
  };
}

function stepProvision(config: NullBuilderConfig, run: BuildRunContext): Step<NullState> {
  return {
    name: 'StepProvision',
    async run(state) {
      const vars = nullBuildVars(config, run.runId);
      // The password and the key file's content travel in the build variables: never print them.
      const secrets = [vars.Password, vars.SSHPrivateKey, vars.WinRMPassword].filter(
        (v): v is string => typeof v === 'string' && v !== '',
      );
      if (secrets.length > 0) run.ui.sensitive?.(...secrets);
      await run.provision(state.communicator, vars);
    },
  };
}

async function connectSsh(config: NullBuilderConfig, ctx: StepContext): Promise<Communicator> {
  // ssh2 is loaded only here, by the first connection.
  const { SshCommunicator, sshOptionsFromConfig } = await import('../../communicator/ssh/index.js');
  const options = sshOptionsFromConfig(config);
  ctx.ui.say(`Using SSH communicator to connect: ${options.host}`);
  ctx.ui.say('Waiting for SSH to become available...');
  const communicator = await SshCommunicator.connect(options, {
    signal: ctx.signal,
    // Say why SSH is not up yet, not only that it is not.
    onAttemptFailed: (failure) =>
      ctx.ui.message(`SSH not available yet (attempt ${failure.attempt}): ${failure.message}`),
  });
  ctx.ui.say('Connected to SSH!');
  return communicator;
}

function durationMs(value: unknown): number {
  if (typeof value !== 'string' || value === '') return 0;
  return Number(parseGoDuration(value) / 1_000_000n);
}
