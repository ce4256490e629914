/**
 * The communicator options every builder that connects to its machine accepts (Packer SDK
 * communicator.Config): `communicator`, the ssh_* and winrm_* options, and their prepare rules.
 */
import type { Diagnostic } from '../../hcl/diagnostics.js';
import type { PrepareContext } from '../../sdk/plugin.js';
import type { JsonSchema } from '../../sdk/schema.js';
import { bool, duration, int, str, strList } from '../../sdk/schema-helpers.js';
import { type Config, given, knownString } from './prepare-helpers.js';

const COMMUNICATORS = ['ssh', 'winrm', 'none', 'docker', 'dockerWindowsContainer'];

export const communicatorTypeProperties: Record<string, JsonSchema> = {
  communicator: str('How to connect to the machine: ssh, winrm or none.', {
    default: 'ssh',
    examples: COMMUNICATORS,
  }),
  pause_before_connecting: duration('Wait this long before connecting (after the first success).'),
};

export const temporaryKeyPairProperties: Record<string, JsonSchema> = {
  temporary_key_pair_name: str('Name of the temporary key pair created for the build.'),
  temporary_key_pair_type: str('Type of the temporary key pair: rsa or ed25519.', {
    default: 'rsa',
    examples: ['rsa', 'ed25519'],
  }),
  temporary_key_pair_bits: int('Bits of the temporary RSA key.'),
};

export const sshProperties: Record<string, JsonSchema> = {
  ssh_host: str('Address to connect to with SSH (found automatically by most builders).'),
  ssh_port: int('SSH port.', { default: 22 }),
  ssh_username: str('User to connect as.'),
  ssh_password: str('Password for SSH authentication.', { 'x-sensitive': true }),
  ssh_keypair_name: str('Name of an existing key pair in the cloud to use.'),
  ssh_ciphers: strList('Allowed SSH ciphers, in order of preference.'),
  ssh_clear_authorized_keys: bool('Remove the temporary key from authorized_keys at the end.'),
  ssh_key_exchange_algorithms: strList('Allowed key exchange algorithms.'),
  ssh_private_key_file: str('Path to a private key for SSH authentication.'),
  ssh_certificate_file: str('Path to a user certificate for SSH authentication.'),
  ssh_pty: bool('Request a PTY on the remote side.'),
  ssh_timeout: duration('How long to wait for SSH to become available.', { default: '5m' }),
  ssh_wait_timeout: duration('Deprecated alias of ssh_timeout.'),
  ssh_agent_auth: bool('Authenticate with the local SSH agent.'),
  ssh_disable_agent_forwarding: bool('Do not forward the SSH agent to the machine.'),
  ssh_handshake_attempts: int('Handshake attempts before giving up.', { default: 10 }),
  ssh_bastion_host: str('Bastion (jump) host to connect through.'),
  ssh_bastion_port: int('Bastion SSH port.', { default: 22 }),
  ssh_bastion_agent_auth: bool('Authenticate to the bastion with the SSH agent.'),
  ssh_bastion_username: str('User on the bastion host.'),
  ssh_bastion_password: str('Password on the bastion host.', { 'x-sensitive': true }),
  ssh_bastion_interactive: bool('Use keyboard-interactive authentication on the bastion.'),
  ssh_bastion_private_key_file: str('Private key for the bastion host.'),
  ssh_bastion_certificate_file: str('User certificate for the bastion host.'),
  ssh_file_transfer_method: str('File transfer protocol: scp or sftp.', {
    default: 'scp',
    examples: ['scp', 'sftp'],
  }),
  ssh_proxy_host: str('SOCKS proxy host.'),
  ssh_proxy_port: int('SOCKS proxy port.', { default: 1080 }),
  ssh_proxy_username: str('SOCKS proxy user.'),
  ssh_proxy_password: str('SOCKS proxy password.', { 'x-sensitive': true }),
  ssh_keep_alive_interval: duration('Interval between keep-alive messages.', { default: '5s' }),
  ssh_read_write_timeout: duration('Timeout for a stalled SSH read or write.'),
  ssh_remote_tunnels: strList('Remote port forwards (`port:host:hostport`).'),
  ssh_local_tunnels: strList('Local port forwards (`port:host:hostport`).'),
};

export const winrmProperties: Record<string, JsonSchema> = {
  winrm_username: str('User to connect as with WinRM.'),
  winrm_password: str('Password for WinRM.', { 'x-sensitive': true }),
  winrm_host: str('Address to connect to with WinRM.'),
  winrm_no_proxy: bool('Bypass any proxy for WinRM.'),
  winrm_port: int('WinRM port (5985, or 5986 with SSL).'),
  winrm_timeout: duration('How long to wait for WinRM to become available.', { default: '30m' }),
  winrm_use_ssl: bool('Use HTTPS for WinRM.'),
  winrm_insecure: bool('Do not check the WinRM server certificate.'),
  winrm_use_ntlm: bool('Use NTLM authentication.'),
};

/** Everything communicator.Config accepts. */
export const communicatorProperties: Record<string, JsonSchema> = {
  ...communicatorTypeProperties,
  ...sshProperties,
  ...temporaryKeyPairProperties,
  ...winrmProperties,
};

/** communicator.Config.Prepare's checks, each at the option concerned. */
export function prepareCommunicator(config: Config, ctx: PrepareContext): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const type = knownString(config, ctx, 'communicator') ?? (ctx.isKnown('communicator') ? 'ssh' : undefined);
  if (type === undefined) return diags;
  if (!COMMUNICATORS.includes(type)) {
    diags.push(
      ctx.error(
        'communicator',
        `Communicator type ${type} is invalid`,
        `Use one of: ${COMMUNICATORS.join(', ')}.`,
      ),
    );
    return diags;
  }
  // ssh_wait_timeout is the old name of ssh_timeout, and wins when both are given.
  if (config.ssh_wait_timeout !== undefined) config.ssh_timeout = config.ssh_wait_timeout;
  if (type === 'ssh') diags.push(...prepareSsh(config, ctx));
  if (type === 'winrm' && !given(config, ctx, 'winrm_username')) {
    diags.push(
      ctx.error(
        'communicator',
        'winrm_username must be specified.',
        'The winrm communicator needs a user name.',
      ),
    );
  }
  return diags;
}

function prepareSsh(config: Config, ctx: PrepareContext): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const has = (name: string) => given(config, ctx, name);
  if (!has('ssh_username')) {
    diags.push(
      ctx.error(
        'communicator',
        'An ssh_username must be specified\n  Note: some builders used to default ssh_username to "root".',
        'The ssh communicator needs ssh_username.',
      ),
    );
  }
  if (has('ssh_certificate_file') && !has('ssh_private_key_file')) {
    diags.push(
      ctx.error(
        'ssh_certificate_file',
        'ssh_private_key_file must be specified if ssh_certificate_file is specified',
        '',
      ),
    );
  }
  if (has('ssh_bastion_certificate_file') && !has('ssh_bastion_private_key_file')) {
    diags.push(
      ctx.error(
        'ssh_bastion_certificate_file',
        'ssh_bastion_private_key_file must be specified if ssh_bastion_certificate_file is specified',
        '',
      ),
    );
  }
  if (
    has('ssh_bastion_host') &&
    !has('ssh_bastion_password') &&
    !has('ssh_bastion_private_key_file') &&
    !has('ssh_bastion_agent_auth') &&
    // Packer reuses ssh_private_key_file for the bastion when no bastion key is given.
    !has('ssh_private_key_file')
  ) {
    diags.push(
      ctx.error(
        'ssh_bastion_host',
        'ssh_bastion_password, ssh_bastion_private_key_file or ssh_bastion_agent_auth must be specified',
        '',
      ),
    );
  }
  const method = knownString(config, ctx, 'ssh_file_transfer_method');
  if (method !== undefined && method !== '' && method !== 'scp' && method !== 'sftp') {
    diags.push(
      ctx.error(
        'ssh_file_transfer_method',
        `ssh_file_transfer_method ('${method}') is invalid, valid methods: sftp, scp`,
        '',
      ),
    );
  }
  if (has('ssh_bastion_host') && has('ssh_proxy_host')) {
    diags.push(
      ctx.error('ssh_proxy_host', 'please specify either ssh_bastion_host or ssh_proxy_host, not both', ''),
    );
  }
  return diags;
}
