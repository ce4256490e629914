/**
 * Boots a disk under qemu for a test (TCG unless /dev/kvm exists) with user networking, guest ports
 * forwarded to free loopback ports, the serial console in a file, and the disk opened with -snapshot
 * so the test never changes it. The VM runs in its own process group, tagged with `-name`, and is
 * killed if the test process exits first.
 *
 *   const vm = await bootVm({ disk: image.disk, guestPorts: [22, 8080], name: 'imgbuild-test-x' });
 *   await vm.waitForSsh({ user, privateKeyPath });
 *   await vm.ssh(['poweroff'], key); await vm.waitExit(30_000);
 *   await vm.kill();
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killProcessGroup, runProgram, trackProcessGroup } from '../../src/process/run-program.js';

export interface BootVmOptions {
  readonly disk: string;
  /** qcow2 | vmdk | raw; default: qemu-img's guess from the extension (.vmdk, .raw/.img, else qcow2). */
  readonly format?: string;
  /** Guest TCP ports to forward to fresh loopback ports (22 is always forwarded). */
  readonly guestPorts?: readonly number[];
  /** Shown in `ps` (qemu -name), so a stray VM can be traced to its test. */
  readonly name: string;
  readonly memoryMb?: number;
  readonly extraArgs?: readonly string[];
}

export interface SshKey {
  readonly user: string;
  readonly privateKeyPath: string;
}

export interface BootedVm {
  readonly pid: number;
  /** Guest port → host loopback port. */
  readonly ports: ReadonlyMap<number, number>;
  readonly consoleLog: string;
  console(): Promise<string>;
  /** Resolves when an `ssh … true` succeeds; rejects with the console tail after `timeoutMs`. */
  waitForSsh(key: SshKey, timeoutMs?: number): Promise<number>;
  ssh(command: readonly string[], key: SshKey): Promise<{ stdout: string; exitCode: number }>;
  /** True when qemu exited within `ms`. */
  waitExit(ms: number): Promise<boolean>;
  /** Kills qemu (if still running) and removes the console file. */
  kill(): Promise<void>;
}

const ANY_EXIT = Array.from({ length: 256 }, (_, i) => i);

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * KVM only when /dev/kvm exists AND the CPU has vmx/svm: on these machines /dev/kvm exists without
 * them, and qemu -accel kvm then hangs before the firmware prints anything.
 */
export function kvmUsable(): boolean {
  if (!existsSync('/dev/kvm')) return false;
  try {
    return /^flags\s*:.*\b(vmx|svm)\b/m.test(readFileSync('/proc/cpuinfo', 'utf8'));
  } catch {
    return false;
  }
}

function formatOf(disk: string): string {
  if (disk.endsWith('.vmdk')) return 'vmdk';
  if (disk.endsWith('.raw') || disk.endsWith('.img')) return 'raw';
  return 'qcow2';
}

/** Whether the forwarded port answers with an SSH banner (slirp accepts TCP before the guest is up). */
function bannerOk(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1500, () => done(false));
    socket.once('error', () => done(false));
    // slirp accepts, then closes without a byte while the guest's sshd is not listening yet.
    socket.once('close', () => done(false));
    socket.once('data', (data) => done(data.toString('latin1').startsWith('SSH-')));
    socket.connect(port, '127.0.0.1');
  });
}

export function sshArgv(port: number, key: SshKey, command: readonly string[]): string[] {
  return [
    'ssh',
    ...['-i', key.privateKeyPath, '-p', String(port)],
    ...['-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'BatchMode=yes'],
    ...['-o', 'ConnectTimeout=10', '-o', 'LogLevel=ERROR', '-o', 'IdentitiesOnly=yes'],
    // A guest that powers off under an open session must not leave ssh waiting forever.
    ...['-o', 'ServerAliveInterval=5', '-o', 'ServerAliveCountMax=3'],
    `${key.user}@127.0.0.1`,
    '--',
    ...command,
  ];
}

export async function bootVm(options: BootVmOptions): Promise<BootedVm> {
  const dir = await mkdtemp(join(tmpdir(), 'imgbuild-vm-'));
  const consoleLog = join(dir, 'console.log');
  const ports = new Map<number, number>();
  for (const guest of new Set([22, ...(options.guestPorts ?? [])])) ports.set(guest, await freePort());
  const hostfwd = [...ports].map(([guest, host]) => `hostfwd=tcp:127.0.0.1:${host}-:${guest}`).join(',');
  const accel = kvmUsable() ? 'kvm' : 'tcg';
  const argv = [
    ...['-name', options.name, '-accel', accel, '-m', String(options.memoryMb ?? 512), '-smp', '2'],
    ...['-display', 'none', '-monitor', 'none', '-serial', `file:${consoleLog}`],
    ...['-drive', `file=${options.disk},if=virtio,format=${options.format ?? formatOf(options.disk)}`],
    '-snapshot',
    ...['-netdev', `user,id=n0,${hostfwd}`, '-device', 'virtio-net-pci,netdev=n0'],
    ...['-device', 'virtio-rng-pci'],
    ...(options.extraArgs ?? []),
  ];
  const child: ChildProcess = spawn('qemu-system-x86_64', argv, {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (t: string) => {
    stderr += t;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let running = true;
  void exited.then(() => {
    running = false;
  });
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  const pid = child.pid!;
  const untrack = trackProcessGroup(pid);

  const readConsole = () => readFile(consoleLog, 'utf8').catch(() => '');
  const vm: BootedVm = {
    pid,
    ports,
    consoleLog,
    console: readConsole,
    async waitForSsh(key, timeoutMs = 120_000) {
      const start = Date.now();
      const port = ports.get(22)!;
      while (Date.now() - start < timeoutMs) {
        if (!running) break;
        if (await bannerOk(port)) {
          const result = await runProgram(sshArgv(port, key, ['true']), { okExitCodes: [0, 255] });
          if (result.exitCode === 0) return Date.now() - start;
        }
        await new Promise((r) => setTimeout(r, 500));
      }
      const tail = (await readConsole()).split('\n').slice(-15).join('\n');
      throw new Error(
        `${options.name}: no SSH on 127.0.0.1:${port} after ${Date.now() - start} ms` +
          `${running ? '' : ` (qemu exited: ${stderr.trim()})`}\nlast console lines:\n${tail}`,
      );
    },
    async ssh(command, key) {
      const result = await runProgram(sshArgv(ports.get(22)!, key, command), {
        okExitCodes: ANY_EXIT,
        signal: AbortSignal.timeout(300_000),
      });
      return { stdout: result.stdout, exitCode: result.exitCode };
    },
    async waitExit(ms) {
      if (!running) return true;
      const timer = new Promise<boolean>((r) => setTimeout(() => r(false), ms).unref());
      return Promise.race([exited.then(() => true), timer]);
    },
    async kill() {
      if (running) {
        killProcessGroup(pid, 'SIGKILL');
        await exited;
      }
      untrack();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return vm;
}
