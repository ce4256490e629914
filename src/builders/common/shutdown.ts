/** How the machine is shut down at the end of the build (Packer SDK shutdowncommand.ShutdownConfig). */
import type { JsonSchema } from '../../sdk/schema.js';
import { duration, str } from '../../sdk/schema-helpers.js';

export const shutdownProperties: Record<string, JsonSchema> = {
  shutdown_command: str('Command that shuts the machine down (run through the communicator).'),
  shutdown_timeout: duration('How long to wait for the machine to stop.', { default: '5m' }),
};
