/**
 * The build variables the qemu builder's provisioners see (build.Host, build.Port, build.SSHPublicKey…,
 * Packer SDK's PopulateProvisionHookData): the forwarded port on 127.0.0.1, the HTTP server's address.
 */
import type { QemuState } from './state.js';
import { privateKeyText } from '../common/private-key-text.js';

export function qemuBuildVars(
  config: Readonly<Record<string, unknown>>,
  state: QemuState,
  runId: string,
): Record<string, unknown> {
  const text = (name: string) => (typeof config[name] === 'string' ? (config[name] as string) : '');
  const keyFile = text('ssh_private_key_file');
  const httpIp = state.httpIp ?? '';
  const httpPort = state.httpPort ?? 0;
  return {
    ID: '',
    PackerRunUUID: runId,
    PackerHTTPIP: httpIp,
    PackerHTTPPort: String(httpPort),
    PackerHTTPAddr: httpIp !== '' ? `${httpIp}:${httpPort}` : '',
    Host: text('ssh_host') || '127.0.0.1',
    Port: state.hostPort ?? 0,
    User: text('ssh_username'),
    Password: text('ssh_password'),
    ConnType: state.settings.communicator,
    SSHPublicKey: state.publicKey ?? '',
    SSHPrivateKey: state.privateKey ?? privateKeyText(keyFile),
    SSHPrivateKeyFile: keyFile,
    SSHAgentAuth: config.ssh_agent_auth === true,
    WinRMPassword: text('winrm_password'),
  };
}
