/**
 * A real OpenSSH server for tests: Debian's /usr/sbin/sshd started on a free loopback port as the
 * current user, with its own config, host key and authorized_keys in a tmp dir. Nothing system-wide
 * is touched, except /run/sshd when running as root (sshd refuses to start without its privilege
 * separation directory; Debian's service unit creates the same empty directory).
 *
 *   const sshd = await startSshd();
 *   // sshd.host, sshd.port, sshd.user, sshd.clientKeyPath (authorised), sshd.hostPublicKey
 *   await sshd.stop();
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const SSHD = '/usr/sbin/sshd';
const execFileAsync = promisify(execFile);

export interface SshdOptions {
  /** Allow password authentication (works only for real system users with a password). Default: no. */
  readonly passwordAuthentication?: boolean;
  /** Extra sshd_config lines, appended after the harness's own. */
  readonly extraConfig?: readonly string[];
  /** Public key lines authorised besides the generated client key. */
  readonly authorizedKeys?: readonly string[];
  /** sshd's LogLevel (default INFO; DEBUG1 shows the negotiated algorithms). sshd keeps the first value. */
  readonly logLevel?: string;
}

export interface Sshd {
  readonly host: string;
  readonly port: number;
  /** The user sshd runs as; the only one it can log in. */
  readonly user: string;
  /** The tmp dir holding config, keys and logs; removed by stop(). */
  readonly dir: string;
  /** A client private key (OpenSSH format, no passphrase) that is in authorized_keys. */
  readonly clientKeyPath: string;
  readonly clientPrivateKey: string;
  readonly clientPublicKey: string;
  /** The host public key line (`ssh-ed25519 AAAA…`). */
  readonly hostPublicKey: string;
  /** sshd's log so far (it logs to stderr with -e). */
  log(): string;
  /** The per-connection sshd processes (to freeze or kill one link in a test). */
  sessionPids(): Promise<number[]>;
  /** Stops the listener and every session it started, but keeps the dir; start() brings it back. */
  kill(): Promise<void>;
  /** Starts again on the same port; `newHostKey` replaces the host key first. */
  start(opts?: { newHostKey?: boolean }): Promise<void>;
  /** Kills sshd and its sessions and removes the dir. */
  stop(): Promise<void>;
}

/** True when the harness can run here (sshd and ssh-keygen installed). */
export function sshdAvailable(): boolean {
  return existsSync(SSHD) && existsSync('/usr/bin/ssh-keygen');
}

export async function startSshd(opts: SshdOptions = {}): Promise<Sshd> {
  if (!sshdAvailable()) throw new Error(`${SSHD} is not installed (Debian package openssh-server)`);
  if (process.getuid?.() === 0 && !existsSync('/run/sshd')) mkdirSync('/run/sshd', { mode: 0o755 });
  const dir = await mkdtemp(join(tmpdir(), 'imgbuild-sshd-'));
  try {
    const hostKeyPath = join(dir, 'host_ed25519');
    const clientKeyPath = join(dir, 'client_ed25519');
    await keygen(hostKeyPath);
    await keygen(clientKeyPath);
    const clientPublicKey = (await readFile(`${clientKeyPath}.pub`, 'utf8')).trim();
    const clientPrivateKey = await readFile(clientKeyPath, 'utf8');
    await writeFile(
      join(dir, 'authorized_keys'),
      `${[clientPublicKey, ...(opts.authorizedKeys ?? [])].join('\n')}\n`,
      { mode: 0o600 },
    );
    const user = userInfo().username;
    const server = new SshdProcess(dir, hostKeyPath, opts);
    const watchdog = startWatchdog(dir);
    try {
      await server.startOnFreePort();
    } catch (err) {
      watchdog.kill();
      throw err;
    }
    return {
      host: '127.0.0.1',
      get port() {
        return server.port;
      },
      user,
      dir,
      clientKeyPath,
      clientPrivateKey,
      clientPublicKey,
      get hostPublicKey() {
        return server.hostPublicKey;
      },
      log: () => server.logText,
      sessionPids: () => server.sessionPids(),
      kill: () => server.kill(),
      start: async (o = {}) => {
        if (o.newHostKey) {
          await rm(hostKeyPath, { force: true });
          await rm(`${hostKeyPath}.pub`, { force: true });
          await keygen(hostKeyPath);
        }
        await server.start(server.port);
      },
      stop: async () => {
        await server.kill();
        watchdog.kill();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * A test process killed before its after() hook (a timeout, SIGKILL) would leave sshd running on a
 * port forever; this sidecar shell notices the test process is gone and kills the current listener,
 * its sessions (by parent pid) and the dir.
 */
function startWatchdog(dir: string): ChildProcess {
  const script = [
    'while kill -0 "$1" 2>/dev/null; do sleep 1; done',
    'if [ -f "$2/listener.pid" ]; then l=$(cat "$2/listener.pid"); pkill -KILL -P "$l"; kill -KILL "$l"; fi',
    'rm -rf "$2"',
  ].join('\n');
  const watchdog = spawn('/bin/sh', ['-c', script, 'sshd-watchdog', String(process.pid), dir], {
    stdio: 'ignore',
    detached: true,
  });
  watchdog.unref();
  return watchdog;
}

async function keygen(path: string): Promise<void> {
  await execFileAsync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'imgbuild-test', '-f', path]);
}

class SshdProcess {
  port = 0;
  hostPublicKey = '';
  logText = '';
  private child: ChildProcess | undefined;

  constructor(
    private readonly dir: string,
    private readonly hostKeyPath: string,
    private readonly opts: SshdOptions,
  ) {}

  /** A free port may be taken between probing and binding; try a few. */
  async startOnFreePort(): Promise<void> {
    let lastError: unknown;
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await this.start(await freePort());
        return;
      } catch (err) {
        lastError = err;
        if (!/bind|Address already in use/i.test(String(err))) throw err;
      }
    }
    throw lastError;
  }

  async start(port: number): Promise<void> {
    this.port = port;
    this.hostPublicKey = (await readFile(`${this.hostKeyPath}.pub`, 'utf8'))
      .trim()
      .split(' ')
      .slice(0, 2)
      .join(' ');
    const configPath = join(this.dir, 'sshd_config');
    await writeFile(configPath, this.config(port));
    const child = spawn(SSHD, ['-D', '-e', '-f', configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    if (child.pid) await writeFile(join(this.dir, 'listener.pid'), String(child.pid));
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const settle = (err?: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (err) reject(err);
        else resolve();
      };
      const timer = setTimeout(
        () => settle(new Error(`sshd did not start listening within 10 s:\n${this.logText}`)),
        10_000,
      );
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (text: string) => {
        this.logText += text;
        if (/Server listening on/.test(this.logText)) settle();
      });
      child.on('error', (err) => settle(err));
      child.on('exit', (code, signal) =>
        settle(new Error(`sshd exited (${signal ?? code}) before listening:\n${this.logText}`)),
      );
    });
  }

  async sessionPids(): Promise<number[]> {
    const pid = this.child?.pid;
    if (!pid) return [];
    const out: number[] = [];
    for (const child of await descendants(pid)) {
      const cmdline = await readFile(`/proc/${child}/cmdline`, 'utf8').catch(() => '');
      if (cmdline.startsWith('sshd:')) out.push(child);
    }
    return out;
  }

  /** Kills the listener and the per-connection sshd processes (they run in their own sessions). */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child?.pid) return;
    const pids = [child.pid, ...(await descendants(child.pid))];
    const exited =
      child.exitCode !== null || child.signalCode !== null
        ? Promise.resolve()
        : new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // Parents first: a session's sshd dies before its shell can report an exit status, as when the
    // machine goes away.
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    await exited;
  }

  private config(port: number): string {
    const lines = [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${this.hostKeyPath}`,
      `PidFile ${join(this.dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(this.dir, 'authorized_keys')}`,
      'UsePAM no',
      'StrictModes no',
      // Root is the current user in containers and CI; allow it (keys, or a password if asked).
      'PermitRootLogin yes',
      `PasswordAuthentication ${this.opts.passwordAuthentication ? 'yes' : 'no'}`,
      'KbdInteractiveAuthentication no',
      'PubkeyAuthentication yes',
      'AllowAgentForwarding yes',
      'AllowTcpForwarding yes',
      'PrintMotd no',
      'PrintLastLog no',
      'UseDNS no',
      'MaxStartups 100',
      'MaxSessions 100',
      `LogLevel ${this.opts.logLevel ?? 'INFO'}`,
      'Subsystem sftp internal-sftp',
      ...(this.opts.extraConfig ?? []),
    ];
    return `${lines.join('\n')}\n`;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Every process below `root`, from /proc (Linux). */
async function descendants(root: number): Promise<number[]> {
  const children = new Map<number, number[]>();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = await readFile(`/proc/${name}/stat`, 'utf8');
      // The command name may contain spaces and parentheses; the ppid follows the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(name));
      children.set(ppid, list);
    } catch {
      // The process ended while listing.
    }
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    for (const child of children.get(pid) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/**
 * The connection arguments of a `null` source that reaches this sshd with the client key, for
 * templates: `source "null" "box" {\n${nullSshArguments(sshd)}\n}`.
 */
export function nullSshArguments(sshd: Sshd, extra: readonly string[] = []): string {
  return [
    `  ssh_host             = "${sshd.host}"`,
    `  ssh_port             = ${sshd.port}`,
    `  ssh_username         = "${sshd.user}"`,
    `  ssh_private_key_file = "${sshd.clientKeyPath}"`,
    ...extra,
  ].join('\n');
}

/** The SSH options that log in to `sshd` as its user with the authorised client key. */
export function sshdLogin(sshd: Sshd): { host: string; port: number; username: string; privateKey: string } {
  return { host: sshd.host, port: sshd.port, username: sshd.user, privateKey: sshd.clientPrivateKey };
}
