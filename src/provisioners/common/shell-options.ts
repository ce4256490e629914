/** Options shared by the script-running plugins (Packer SDK shell.Provisioner and shell-local.Config). */
import type { Diagnostic } from '../../hcl/diagnostics.js';
import type { PrepareContext } from '../../sdk/plugin.js';
import type { JsonSchema } from '../../sdk/schema.js';
import { numList, str, strList, strMap } from '../../sdk/schema-helpers.js';

type Config = Record<string, unknown>;

export const scriptProperties: Record<string, JsonSchema> = {
  inline: strList('Commands to run, one per line of a generated script.'),
  script: str('Path of a script to run.'),
  scripts: strList('Paths of scripts to run, in order.'),
  valid_exit_codes: numList('Exit codes that count as success.', { default: [0] }),
  environment_vars: strList('Environment variables for the scripts, as "KEY=value".'),
  env: strMap('Environment variables for the scripts, by name.'),
  env_var_format: str('printf-style format that sets one environment variable (for execute_command).'),
};

/** "KEY=value" with a non-empty key, as shell.Provisioner's Prepare checks. */
export function checkEnvironmentVars(config: Config, ctx: PrepareContext): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const vars = ctx.isKnown('environment_vars') ? config.environment_vars : undefined;
  if (!Array.isArray(vars)) return diags;
  (vars as string[]).forEach((kv, i) => {
    const eq = kv.indexOf('=');
    if (eq <= 0) {
      diags.push(
        ctx.error(
          `environment_vars.${i}`,
          `Environment variable not in format 'key=value': ${kv}`,
          'Each element of environment_vars is "NAME=value".',
        ),
      );
    }
  });
  return diags;
}
