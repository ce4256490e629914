/** The build's HTTP server options (Packer SDK commonsteps.HTTPConfig). */
import type { Diagnostic } from '../../hcl/diagnostics.js';
import type { PrepareContext } from '../../sdk/plugin.js';
import type { JsonSchema } from '../../sdk/schema.js';
import { int, str, strMap } from '../../sdk/schema-helpers.js';
import { type Config, given, knownNumber, knownString } from './prepare-helpers.js';

const PROTOCOLS = ['tcp', 'tcp4', 'tcp6', 'unix', 'unixpacket'];

export const httpProperties: Record<string, JsonSchema> = {
  http_directory: str('Directory served over HTTP during the build ({{ .HTTPIP }}:{{ .HTTPPort }}).'),
  http_content: strMap('Files served over HTTP, by path, with their content.'),
  http_port_min: int('Lowest port for the HTTP server.', { default: 8000 }),
  http_port_max: int('Highest port for the HTTP server.', { default: 9000 }),
  http_bind_address: str('Address the HTTP server binds to.', { default: '0.0.0.0' }),
  http_interface: str('Network interface whose address the HTTP server binds to.'),
  http_network_protocol: str('Network protocol of the HTTP server.', { default: 'tcp', examples: PROTOCOLS }),
};

export function prepareHttp(config: Config, ctx: PrepareContext): Diagnostic[] {
  const diags: Diagnostic[] = [];
  if (given(config, ctx, 'http_interface') && ctx.isSet('http_bind_address')) {
    diags.push(
      ctx.error('http_interface', 'either http_interface or http_bind_address can be specified', ''),
    );
  }
  const min = knownNumber(config, ctx, 'http_port_min');
  const max = knownNumber(config, ctx, 'http_port_max');
  if (min !== undefined && max !== undefined && min > max) {
    diags.push(ctx.error('http_port_min', 'http_port_min must be less than http_port_max', ''));
  }
  if (given(config, ctx, 'http_content') && given(config, ctx, 'http_directory')) {
    diags.push(
      ctx.error(
        'http_content',
        'http_content cannot be used in conjunction with http_dir. Consider using the file function to load file in memory and serve them with http_content: https://www.packer.io/docs/templates/hcl_templates/functions/file/file',
        '',
      ),
    );
  }
  const protocol = knownString(config, ctx, 'http_network_protocol');
  if (protocol !== undefined && !PROTOCOLS.includes(protocol)) {
    diags.push(
      ctx.error(
        'http_network_protocol',
        `http_network_protocol is invalid. Must be one of: [${PROTOCOLS.join(' ')}]`,
        '',
      ),
    );
  }
  return diags;
}
