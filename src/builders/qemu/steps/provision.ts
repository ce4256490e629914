/** StepProvision: the build's provisioners over the SSH link, with the qemu build variables. */
import type { BuildRunContext } from '../../../sdk/plugin.js';
import type { Step } from '../../../sdk/step.js';
import { qemuBuildVars } from '../build-vars.js';
import type { QemuState } from '../state.js';

export function stepProvision(
  config: Readonly<Record<string, unknown>>,
  run: BuildRunContext,
): Step<QemuState> {
  return {
    name: 'StepProvision',
    async run(state) {
      const vars = qemuBuildVars(config, state, run.runId);
      const secrets = [vars.Password, vars.SSHPrivateKey].filter(
        (v): v is string => typeof v === 'string' && v !== '',
      );
      if (secrets.length > 0) run.ui.sensitive?.(...secrets);
      await run.provision(state.communicator, vars);
    },
  };
}
