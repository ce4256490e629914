/**
 * The SSH communicator's resolved options, and their derivation from a builder's decoded ssh_*
 * options (src/builders/common/communicator.ts) with Packer's defaults.
 */
import { readFileSync } from 'node:fs';
import { parseGoDuration } from '../../hcl/functions/gotime.js';

export interface SshAuth {
  readonly password?: string;
  /** Private key content (OpenSSH or PEM). */
  readonly privateKey?: string | Buffer;
  /** Use the SSH agent: true for $SSH_AUTH_SOCK, or a socket path. */
  readonly agent?: boolean | string;
}

export interface SshEndpoint extends SshAuth {
  readonly host: string;
  readonly port: number;
  readonly username: string;
}

export interface SshOptions extends SshEndpoint {
  /** ssh_timeout: how long waitForSsh keeps trying. */
  readonly timeoutMs: number;
  /** ssh_handshake_attempts: authentication failures tolerated while waiting. */
  readonly handshakeAttempts: number;
  /** ssh_keep_alive_interval; 0 or less disables keep-alives. */
  readonly keepAliveIntervalMs: number;
  /** ssh_read_write_timeout: a link silent this long in both directions is dropped; 0 = never. */
  readonly readWriteTimeoutMs: number;
  /** Forward the agent to the machine when authenticating with it (off with ssh_disable_agent_forwarding). */
  readonly agentForwarding?: boolean;
  /** ssh_pty: request a PTY for every command. */
  readonly pty: boolean;
  /** Time allowed for one TCP connect + SSH handshake + authentication. */
  readonly attemptTimeoutMs: number;
  /** Pause between attempts while waiting (Packer: 5 s). */
  readonly retryDelayMs: number;
  readonly bastion?: SshEndpoint;
  readonly ciphers?: readonly string[];
  readonly keyExchangeAlgorithms?: readonly string[];
  /** The host key the machine must present (`ssh-ed25519 AAAA…`); unset: pinned on first connect. */
  readonly hostKey?: string;
}

export const SSH_DEFAULTS = {
  port: 22,
  timeoutMs: 5 * 60_000,
  handshakeAttempts: 10,
  keepAliveIntervalMs: 5_000,
  readWriteTimeoutMs: 0,
  attemptTimeoutMs: 30_000,
  retryDelayMs: 5_000,
} as const;

export type SshOptionsInput = Partial<SshOptions> & SshEndpoint;

export function resolveSshOptions(input: SshOptionsInput): SshOptions {
  return {
    ...SSH_DEFAULTS,
    ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
  } as SshOptions;
}

/** What a builder knows that the template does not say (the address it found, a temporary key). */
export interface SshConfigOverrides {
  readonly host?: string;
  readonly port?: number;
  readonly privateKey?: string | Buffer;
  readonly hostKey?: string;
}

/**
 * Resolves a builder's decoded communicator options (ssh_host, ssh_port, ssh_username, ssh_password,
 * ssh_private_key_file, ssh_agent_auth, ssh_timeout, ssh_handshake_attempts, ssh_keep_alive_interval,
 * ssh_read_write_timeout, ssh_pty, ssh_bastion_*, ssh_ciphers, ssh_key_exchange_algorithms).
 */
export function sshOptionsFromConfig(
  config: Readonly<Record<string, unknown>>,
  overrides: SshConfigOverrides = {},
): SshOptions {
  const str = (name: string) =>
    typeof config[name] === 'string' && config[name] !== '' ? (config[name] as string) : undefined;
  const num = (name: string) => (typeof config[name] === 'number' ? (config[name] as number) : undefined);
  for (const name of UNSUPPORTED) {
    const value = config[name];
    if (
      value !== undefined &&
      value !== null &&
      value !== '' &&
      value !== false &&
      !(Array.isArray(value) && value.length === 0)
    ) {
      throw new Error(
        `${name} is not supported by imgbuild's SSH communicator yet; remove it or connect without it`,
      );
    }
  }
  const host = overrides.host ?? str('ssh_host');
  if (host === undefined)
    throw new Error('ssh_host is not set and the builder did not find the machine address');
  const keyFile = str('ssh_private_key_file');
  const privateKey = overrides.privateKey ?? (keyFile ? readKey(keyFile, 'ssh_private_key_file') : undefined);
  const bastionHost = str('ssh_bastion_host');
  let bastion: SshEndpoint | undefined;
  if (bastionHost !== undefined) {
    const bastionKeyFile = str('ssh_bastion_private_key_file');
    bastion = {
      host: bastionHost,
      port: num('ssh_bastion_port') ?? 22,
      username: str('ssh_bastion_username') ?? '',
      password: str('ssh_bastion_password'),
      // Packer reuses ssh_private_key_file for the bastion when no bastion key is given.
      privateKey: bastionKeyFile ? readKey(bastionKeyFile, 'ssh_bastion_private_key_file') : privateKey,
      agent: config.ssh_bastion_agent_auth === true ? true : undefined,
    };
  }
  const keepAlive = durationMs(config.ssh_keep_alive_interval);
  return resolveSshOptions({
    host,
    port: overrides.port ?? num('ssh_port') ?? 22,
    username: str('ssh_username') ?? '',
    password: str('ssh_password'),
    privateKey,
    agent: config.ssh_agent_auth === true ? true : undefined,
    timeoutMs: durationMs(config.ssh_timeout ?? config.ssh_wait_timeout),
    handshakeAttempts: num('ssh_handshake_attempts'),
    keepAliveIntervalMs: keepAlive,
    readWriteTimeoutMs: durationMs(config.ssh_read_write_timeout),
    pty: config.ssh_pty === true,
    agentForwarding: config.ssh_disable_agent_forwarding !== true,
    bastion,
    ciphers: stringList(config.ssh_ciphers),
    keyExchangeAlgorithms: stringList(config.ssh_key_exchange_algorithms),
    hostKey: overrides.hostKey,
  });
}

/** Options Packer accepts that this communicator does not implement: refused rather than ignored. */
const UNSUPPORTED = [
  'ssh_certificate_file',
  'ssh_bastion_certificate_file',
  'ssh_bastion_interactive',
  'ssh_proxy_host',
  'ssh_local_tunnels',
  'ssh_remote_tunnels',
];

function readKey(path: string, option: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new Error(`${option}: cannot read ${path}: ${(err as Error).message}`);
  }
}

/** A Go duration string in milliseconds; absent or empty is undefined (the default applies). */
function durationMs(value: unknown): number | undefined {
  if (typeof value === 'number') return value / 1_000_000; // Go's raw time.Duration: nanoseconds
  if (typeof value !== 'string' || value === '') return undefined;
  return Number(parseGoDuration(value) / 1_000_000n);
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.length > 0 ? value.map(String) : undefined;
}
