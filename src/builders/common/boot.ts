/** Typing a boot command over VNC (Packer SDK bootcommand.VNCConfig). */
import type { Diagnostic } from '../../hcl/diagnostics.js';
import type { PrepareContext } from '../../sdk/plugin.js';
import type { JsonSchema } from '../../sdk/schema.js';
import { bool, duration, strList } from '../../sdk/schema-helpers.js';
import { type Config, given } from './prepare-helpers.js';

export const bootProperties: Record<string, JsonSchema> = {
  boot_keygroup_interval: duration('Pause between groups of keys (`<wait>`-free runs).'),
  boot_wait: duration('Time to wait after booting before typing the boot command.', { default: '10s' }),
  boot_command: strList('Keystrokes typed at boot, e.g. "<esc><wait>", "linux ks=…<enter>".'),
};

export const vncBootProperties: Record<string, JsonSchema> = {
  ...bootProperties,
  disable_vnc: bool('Do not start VNC (no boot command can be typed then).'),
  boot_key_interval: duration('Pause between keystrokes of the boot command.'),
};

export function prepareVncBoot(config: Config, ctx: PrepareContext): Diagnostic[] {
  const diags: Diagnostic[] = [];
  if (given(config, ctx, 'boot_command') && config.disable_vnc === true) {
    diags.push(ctx.error('boot_command', 'A boot command cannot be used when vnc is disabled.', ''));
  }
  return diags;
}
