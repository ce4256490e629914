/**
 * The build variables the provisioners see (`build.ID`, `build.Host`… in HCL2; Packer SDK's
 * PopulateProvisionHookData): the instance id, the run id, the HTTP server placeholders a builder
 * without one reports, and the communicator's connection values.
 */
import type { NullBuilderConfig } from './config.js';
import { privateKeyText } from '../common/private-key-text.js';

export const HTTP_IP_NOT_IMPLEMENTED = 'ERR_HTTP_IP_NOT_IMPLEMENTED_BY_BUILDER';
export const HTTP_PORT_NOT_IMPLEMENTED = 'ERR_HTTP_PORT_NOT_IMPLEMENTED_BY_BUILDER';
export const HTTP_ADDR_NOT_IMPLEMENTED = 'ERR_HTTP_ADDR_NOT_IMPLEMENTED_BY_BUILDER';

export function nullBuildVars(config: NullBuilderConfig, runId: string): Record<string, unknown> {
  const text = (name: string) => (typeof config[name] === 'string' ? (config[name] as string) : '');
  const type = text('communicator') || 'ssh';
  // The SDK's Host()/Port()/User()/Password() pick the ssh_* or winrm_* value by communicator type.
  const pick = (ssh: string, winrm: string) =>
    type === 'ssh' ? config[ssh] : type === 'winrm' ? config[winrm] : undefined;
  const keyFile = text('ssh_private_key_file');
  return {
    ID: 'Null',
    PackerRunUUID: runId,
    PackerHTTPIP: HTTP_IP_NOT_IMPLEMENTED,
    PackerHTTPPort: HTTP_PORT_NOT_IMPLEMENTED,
    PackerHTTPAddr: HTTP_ADDR_NOT_IMPLEMENTED,
    Host: pick('ssh_host', 'winrm_host') ?? '',
    Port: pick('ssh_port', 'winrm_port') ?? 0,
    User: pick('ssh_username', 'winrm_username') ?? '',
    Password: pick('ssh_password', 'winrm_password') ?? '',
    ConnType: type,
    SSHPublicKey: '',
    // The SDK reads ssh_private_key_file into SSHPrivateKey when it prepares the communicator.
    SSHPrivateKey: privateKeyText(keyFile),
    SSHPrivateKeyFile: keyFile,
    SSHAgentAuth: config.ssh_agent_auth === true,
    WinRMPassword: text('winrm_password'),
  };
}
