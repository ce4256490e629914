/** The breakpoint provisioner: pauses the build until the user presses enter. */
import { defineProvisioner } from '../../sdk/plugin.js';
import { bool, object, str } from '../../sdk/schema-helpers.js';

export type BreakpointConfig = Record<string, unknown>;

export const breakpointProvisioner = defineProvisioner<BreakpointConfig>({
  type: 'breakpoint',
  description: 'Pauses the build until enter is pressed.',
  schema: object({
    note: str('Text shown while paused.'),
    disable: bool('Skip this breakpoint.'),
  }),
  run: async (config, ctx) => (await import('./run.js')).runBreakpoint(config, ctx),
});
