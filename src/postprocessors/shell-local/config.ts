/** The shell-local post-processor: runs commands on the host after the build, with the artifact. */
import { definePostProcessor } from '../../sdk/plugin.js';
import { object } from '../../sdk/schema-helpers.js';
import {
  prepareShellLocal,
  type ShellLocalConfig,
  shellLocalProperties,
} from '../../provisioners/shell-local/config.js';

export const shellLocalPostProcessor = definePostProcessor<ShellLocalConfig>({
  type: 'shell-local',
  description: 'Runs commands on the machine running imgbuild, after the build.',
  schema: object(shellLocalProperties),
  prepare: (config, ctx) => ({ config, diagnostics: prepareShellLocal(config, ctx) }),
  // Loaded on first use: only `build` runs post-processors.
  run: (config, input, ctx) =>
    import('./run.js').then((m) => m.runShellLocalPostProcessor(config, input, ctx)),
});
