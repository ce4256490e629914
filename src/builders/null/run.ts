/**
 * The null builder's run (Packer's builder/null): connect to the existing host (StepConnect), run the
 * provisioners over that link (StepProvision), close it, and return an artifact that is nothing.
 * `communicator = "none"` runs the provisioners without a link (shell-local, breakpoint).
 */
import type { Artifact } from '../../sdk/artifact.js';
import type { Communicator } from '../../sdk/communicator.js';
import type { BuildRunContext } from '../../sdk/plugin.js';
import type { Step } from '../../sdk/step.js';
import { stepConnectSsh } from '../common/connect-ssh.js';
import { nullArtifact } from './artifact.js';
import { nullBuildVars } from './build-vars.js';
import type { NullBuilderConfig } from './config.js';

interface NullState {
  communicator?: Communicator;
}

export async function runNullBuilder(config: NullBuilderConfig, ctx: BuildRunContext): Promise<Artifact> {
  const state: NullState = {};
  await ctx.runSteps([stepConnectSsh<NullState>(config), stepProvision(config, ctx)], state);
  return nullArtifact();
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
