/**
 * The null builder: no machine, only a communicator to an existing host, so provisioners can be
 * tried against it (Packer's builder/null).
 */
import { defineBuilder } from '../../sdk/plugin.js';
import { object } from '../../sdk/schema-helpers.js';
import { communicatorProperties, prepareCommunicator } from '../common/communicator.js';
import { type Config, given, knownString } from '../common/prepare-helpers.js';

export type NullBuilderConfig = Config;

export const nullBuilder = defineBuilder<NullBuilderConfig>({
  type: 'null',
  description: 'Connects to an existing host and runs provisioners; creates nothing.',
  schema: object(communicatorProperties),
  prepare(config, ctx) {
    const diagnostics = prepareCommunicator(config, ctx);
    const type = knownString(config, ctx, 'communicator');
    if (type === undefined || type === 'none') return { config, diagnostics };
    const has = (name: string) => given(config, ctx, name);
    const winrm = type === 'winrm';
    if (!has(winrm ? 'winrm_host' : 'ssh_host')) {
      diagnostics.push(
        ctx.error(
          'communicator',
          'a Host must be specified, please reference your communicator documentation',
          `Set ${winrm ? 'winrm_host' : 'ssh_host'}: the null builder connects to an existing machine.`,
        ),
      );
    }
    if (!has(winrm ? 'winrm_username' : 'ssh_username')) {
      diagnostics.push(
        ctx.error(
          'communicator',
          'a Username must be specified, please reference your communicator documentation',
          `Set ${winrm ? 'winrm_username' : 'ssh_username'}.`,
        ),
      );
    }
    const agent = has('ssh_agent_auth');
    const password = has(winrm ? 'winrm_password' : 'ssh_password');
    const key = has('ssh_private_key_file');
    if (!agent && !password && !key) {
      diagnostics.push(
        ctx.error(
          'communicator',
          'one authentication method must be specified, please reference your communicator documentation',
          'Set ssh_password, ssh_private_key_file or ssh_agent_auth.',
        ),
      );
    }
    if ((agent && (has('ssh_password') || key)) || (has('ssh_password') && key)) {
      diagnostics.push(
        ctx.error(
          agent ? 'ssh_agent_auth' : 'ssh_private_key_file',
          'only one of ssh_agent_auth, ssh_password, and ssh_private_key_file must be specified',
          '',
        ),
      );
    }
    return { config, diagnostics };
  },
  // Loaded on first use: only `build` runs builders.
  run: (config, ctx) => import('./run.js').then((m) => m.runNullBuilder(config, ctx)),
});
