/** The shell provisioner: runs scripts on the machine through the communicator (Packer's provisioner/shell). */
import { defineProvisioner } from '../../sdk/plugin.js';
import { bool, duration, object, str } from '../../sdk/schema-helpers.js';
import { checkScriptSource } from '../common/script-source.js';
import { checkEnvironmentVars, scriptProperties } from '../common/shell-options.js';

export type ShellConfig = Record<string, unknown>;

export const shellProvisioner = defineProvisioner<ShellConfig>({
  type: 'shell',
  description: 'Runs shell scripts on the machine being built.',
  schema: object({
    ...scriptProperties,
    binary: bool('Upload scripts as binary files (no line-ending conversion).'),
    remote_path: str('Full path the script is uploaded to.'),
    execute_command: str('Command that runs the script.', {
      default: 'chmod +x {{.Path}}; {{.Vars}} {{.Path}}',
    }),
    inline_shebang: str('Shebang of the generated inline script.', { default: '/bin/sh -e' }),
    pause_after: duration('Wait this long after the scripts ran.'),
    use_env_var_file: bool('Pass environment variables in an uploaded file instead of on the command line.'),
    remote_folder: str('Folder scripts are uploaded to.', { default: '/tmp' }),
    remote_file: str('File name scripts are uploaded as.'),
    start_retry_timeout: duration('How long to retry starting the script (e.g. after a reboot).', {
      default: '5m',
    }),
    skip_clean: bool('Leave the uploaded scripts on the machine.'),
    expect_disconnect: bool('A disconnection during the script is not an error.'),
  }),
  prepare(config, ctx) {
    return {
      config,
      diagnostics: [...checkScriptSource(config, ctx), ...checkEnvironmentVars(config, ctx)],
    };
  },
  // Loaded when a build runs, not when a template is only validated.
  run: async (config, ctx) => (await import('./run.js')).runShell(config, ctx),
});
