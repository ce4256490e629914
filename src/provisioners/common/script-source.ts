/** The inline / script / scripts choice that the shell provisioners make in prepare(). */
import type { Diagnostic } from '../../hcl/diagnostics.js';
import type { PrepareContext } from '../../sdk/plugin.js';
import { given } from '../../builders/common/prepare-helpers.js';

export function checkScriptSource(config: Record<string, unknown>, ctx: PrepareContext): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const has = (name: string) => given(config, ctx, name);
  if (has('script') && has('scripts')) {
    diags.push(ctx.error('scripts', 'Only one of script or scripts can be specified.', ''));
  }
  const anyScript = has('script') || has('scripts');
  if (!anyScript && !has('inline')) {
    diags.push(ctx.error(undefined, 'Either a script file or inline script must be specified.', ''));
  } else if (anyScript && has('inline')) {
    diags.push(ctx.error('inline', 'Only a script file or an inline script can be specified, not both.', ''));
  }
  return diags;
}
