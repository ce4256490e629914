/**
 * One connection attempt: TCP (directly, or through a bastion's forwarded channel), SSH handshake with
 * host key pinning, authentication. Failures are SshConnectErrors saying why.
 */
import { connect as tcpConnect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Client, ConnectConfig } from 'ssh2';
import { classifyConnectError, SshConnectError } from './errors.js';
import type { HostKeyPin } from './host-key.js';
import type { SshEndpoint, SshOptions } from './options.js';
import { loadSsh2 } from './ssh2-module.js';

export interface Connection {
  readonly client: Client;
  /** The bastion link the connection goes through, closed with it. */
  readonly bastion?: Client;
  /** Ends both. */
  end(): void;
}

export async function connectOnce(
  opts: SshOptions,
  pin: HostKeyPin,
  signal?: AbortSignal,
): Promise<Connection> {
  const where = `${opts.username}@${opts.host}:${opts.port}`;
  let bastion: Client | undefined;
  let sock: Duplex;
  if (opts.bastion) {
    const bastionWhere = `bastion ${opts.bastion.username}@${opts.bastion.host}:${opts.bastion.port}`;
    const bastionSock = await openSocket(opts.bastion, opts, bastionWhere, signal);
    bastion = await handshake(bastionSock, opts.bastion, opts, undefined, bastionWhere, signal);
    try {
      sock = await forward(bastion, opts.host, opts.port);
    } catch (err) {
      bastion.end();
      throw classifyConnectError(err, `${where} through ${bastionWhere}`);
    }
  } else {
    sock = await openSocket(opts, opts, where, signal);
  }
  try {
    const client = await handshake(sock, opts, opts, pin, where, signal);
    client.once('close', () => bastion?.end());
    return {
      client,
      bastion,
      end: () => {
        client.end();
        bastion?.end();
      },
    };
  } catch (err) {
    bastion?.end();
    throw err;
  }
}

function openSocket(
  endpoint: SshEndpoint,
  opts: SshOptions,
  where: string,
  signal?: AbortSignal,
): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host: endpoint.host, port: endpoint.port });
    const fail = (err: unknown) => {
      cleanup();
      socket.destroy();
      reject(classifyConnectError(err, where));
    };
    const onAbort = () => fail(signal?.reason ?? new Error('aborted'));
    const onTimeout = () =>
      fail(
        Object.assign(new Error(`TCP connect timed out after ${opts.attemptTimeoutMs} ms`), {
          code: 'ETIMEDOUT',
        }),
      );
    const cleanup = () => {
      socket.setTimeout(0);
      socket.off('timeout', onTimeout);
      socket.off('error', fail);
      signal?.removeEventListener('abort', onAbort);
    };
    socket.setTimeout(opts.attemptTimeoutMs, onTimeout);
    socket.once('error', fail);
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => {
      cleanup();
      socket.setNoDelay(true);
      if (opts.readWriteTimeoutMs > 0) {
        // A link silent in both directions for this long is dead (keep-alives count as traffic).
        socket.setTimeout(opts.readWriteTimeoutMs, () =>
          socket.destroy(
            new Error(`no SSH traffic for ${opts.readWriteTimeoutMs} ms (ssh_read_write_timeout)`),
          ),
        );
      }
      resolve(socket);
    });
  });
}

function forward(bastion: Client, host: string, port: number): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    bastion.forwardOut('127.0.0.1', 0, host, port, (err, stream) => (err ? reject(err) : resolve(stream)));
  });
}

const CTR_CIPHERS = ['aes128-ctr', 'aes192-ctr', 'aes256-ctr'];

async function handshake(
  sock: Duplex,
  endpoint: SshEndpoint,
  opts: SshOptions,
  pin: HostKeyPin | undefined,
  where: string,
  signal?: AbortSignal,
): Promise<Client> {
  const { Client } = await loadSsh2();
  const client = new Client();
  let seenKey: Buffer | undefined;
  const config: ConnectConfig = {
    sock: sock as ConnectConfig['sock'],
    username: endpoint.username,
    readyTimeout: opts.attemptTimeoutMs,
    keepaliveInterval: Math.max(opts.keepAliveIntervalMs, 0),
    keepaliveCountMax: 3,
    hostVerifier: (key: Buffer) => {
      seenKey = Buffer.from(key);
      return pin ? pin.verify(key) : true;
    },
  };
  if (endpoint.password !== undefined) config.password = endpoint.password;
  if (endpoint.privateKey !== undefined) config.privateKey = endpoint.privateKey;
  if (endpoint.agent) {
    const agent = typeof endpoint.agent === 'string' ? endpoint.agent : process.env.SSH_AUTH_SOCK;
    if (!agent) {
      sock.destroy();
      throw new SshConnectError(
        'auth failed',
        `${where}: agent authentication asked for, but SSH_AUTH_SOCK is not set`,
      );
    }
    config.agent = agent;
    // Packer forwards the agent to the machine unless ssh_disable_agent_forwarding; only the target
    // gets it, never the bastion.
    if (pin !== undefined && opts.agentForwarding !== false) config.agentForward = true;
  }
  // Without ssh2's native binding, chacha20-poly1305 comes last, after the CTR ciphers that need a
  // separate MAC; Packer's Go client puts it right after AES-GCM. Servers without GCM (dropbear) then
  // get CTR+HMAC, which halved upload speed into a TCG guest (50 MB: 68 s vs 35 s). Packer's order:
  config.algorithms = { cipher: { remove: CTR_CIPHERS, append: CTR_CIPHERS } as never };
  if (opts.ciphers || opts.keyExchangeAlgorithms) {
    if (opts.ciphers) config.algorithms.cipher = [...opts.ciphers] as never;
    if (opts.keyExchangeAlgorithms) config.algorithms.kex = [...opts.keyExchangeAlgorithms] as never;
  }
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (err?: unknown) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      client.off('error', onError);
      client.off('close', onClose);
      // Later errors (after the handshake, or from tearing a failed attempt down) are reported by the
      // operations they break, never as uncaught exceptions.
      client.on('error', () => {});
      if (err === undefined) {
        resolve(client);
        return;
      }
      client.end();
      sock.destroy();
      reject(err);
    };
    const onError = (err: unknown) => {
      if (pin?.lastRefused && /verification failed|Host denied/i.test(String(err))) {
        settle(
          new SshConnectError('host key changed', `${where}: ${pin.describeMismatch()}`, { cause: err }),
        );
        return;
      }
      settle(classifyConnectError(err, where));
    };
    const onClose = () =>
      settle(classifyConnectError(new Error('connection closed during the SSH handshake'), where));
    const onAbort = () => settle(signal?.reason ?? new Error('aborted'));
    client.once('ready', () => {
      if (pin && seenKey) pin.pin(seenKey);
      settle();
    });
    client.on('error', onError);
    client.on('close', onClose);
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) onAbort();
    else client.connect(config);
  });
}
