/** shell-local (provisioner and post-processor): runs commands on the machine running the build. */
import type { Diagnostic } from '../../hcl/diagnostics.js';
import { given } from '../../builders/common/prepare-helpers.js';
import { defineProvisioner, type PrepareContext } from '../../sdk/plugin.js';
import type { JsonSchema } from '../../sdk/schema.js';
import { bool, object, str, strList } from '../../sdk/schema-helpers.js';
import { checkEnvironmentVars, scriptProperties } from '../common/shell-options.js';

export const shellLocalProperties: Record<string, JsonSchema> = {
  ...scriptProperties,
  command: str('A single command to run (Packer-0.x style).'),
  execute_command: strList('Command line that runs the script.', {
    default: ['/bin/sh', '-c', '{{.Vars}} {{.Script}}'],
  }),
  inline_shebang: str('Shebang of the generated inline script.', { default: '/bin/sh -e' }),
  only_on: strList('Run only on these host OSes (linux, darwin, windows…).'),
  tempfile_extension: str('Extension of the generated temporary script.'),
  use_linux_pathing: bool('On Windows, use Linux paths (WSL).'),
};

export type ShellLocalConfig = Record<string, unknown>;

/** shell-local's Validate checks that need no file system. */
export function prepareShellLocal(config: ShellLocalConfig, ctx: PrepareContext): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const has = (name: string) => given(config, ctx, name);
  if (!has('command') && !has('inline') && !has('script') && !has('scripts')) {
    diags.push(ctx.error(undefined, 'Command, Inline, Script and Scripts options cannot all be empty.', ''));
  }
  const tooMany =
    'You may only specify one of the following options: Command, Inline, Script or Scripts. Please consolidate these options in your config.';
  if (has('command') && (has('inline') || has('script') || has('scripts'))) {
    diags.push(ctx.error('command', tooMany, ''));
  } else if (has('script') && (has('inline') || has('scripts'))) {
    diags.push(ctx.error('script', tooMany, ''));
  } else if (has('inline') && has('scripts')) {
    diags.push(ctx.error('inline', tooMany, ''));
  }
  diags.push(...checkEnvironmentVars(config, ctx));
  return diags;
}

export const shellLocalProvisioner = defineProvisioner<ShellLocalConfig>({
  type: 'shell-local',
  description: 'Runs commands on the machine running imgbuild.',
  schema: object(shellLocalProperties),
  prepare: (config, ctx) => ({ config, diagnostics: prepareShellLocal(config, ctx) }),
  // Loaded when a build runs, not when a template is only validated.
  run: async (config, ctx) => (await import('./run.js')).runShellLocal(config, ctx),
});
