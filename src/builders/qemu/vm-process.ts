/**
 * A running qemu-system: spawned in its own process group (so a kill takes any helper with it and an
 * exiting imgbuild never leaves it behind), stderr kept for error messages, and "ready" meaning QEMU
 * answered on its QMP socket — after every -netdev hostfwd and -vnc bind succeeded — or, without a
 * socket, as soon as it is spawned.
 */
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { DriverError, tailLines } from '../../process/driver-error.js';
import { killProcessGroup, trackProcessGroup } from '../../process/run-program.js';
import type { StartVmOptions, VmExit, VmHandle } from './driver.js';
import { QmpClient } from './qmp.js';

const STDERR_KEEP = 64 * 1024;

export async function startVmProcess(
  program: string,
  argv: readonly string[],
  options: StartVmOptions = {},
): Promise<VmHandle> {
  const { signal } = options;
  signal?.throwIfAborted();
  const child = spawn(program, argv, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    stderr = (stderr + text).slice(-STDERR_KEEP);
  });
  let exitInfo: VmExit | undefined;
  let untrack = () => {};
  const exited = new Promise<VmExit>((resolve) => {
    child.once('error', (error) => {
      exitInfo = { code: null, signal: null, stderrTail: `${program}: ${error.message}` };
      resolve(exitInfo);
    });
    child.once('close', (code, sig) => {
      untrack();
      exitInfo = { code, signal: sig, stderrTail: tailLines(stderr) };
      resolve(exitInfo);
    });
  });
  await new Promise<void>((resolve) => {
    child.once('spawn', resolve);
    void exited.then(() => resolve());
  });
  if (exitInfo !== undefined || child.pid === undefined) throw exitError(program, argv, await exited);
  const pid = child.pid;
  untrack = trackProcessGroup(pid);

  let qmp: QmpClient | undefined;
  const handle: VmHandle = {
    pid,
    exited,
    hasExited: () => exitInfo !== undefined,
    stderrTail: () => tailLines(stderr),
    async qmp(command, args) {
      if (!qmp) throw new Error(`QMP ${command}: no QMP connection to this VM`);
      return qmp.execute(command, args);
    },
    async powerdown() {
      if (!qmp || exitInfo) return false;
      try {
        await qmp.execute('system_powerdown');
        return true;
      } catch {
        return false;
      }
    },
    async kill() {
      if (exitInfo) return exitInfo;
      // QMP quit lets QEMU flush and close its disks; signals are the fallback.
      if (qmp) void qmp.execute('quit').catch(() => undefined);
      const gone = (ms: number) => Promise.race([exited.then(() => true), sleep(ms).then(() => false)]);
      if (!(await gone(qmp ? 2000 : 0))) {
        killProcessGroup(pid, 'SIGTERM');
        if (!(await gone(3000))) killProcessGroup(pid, 'SIGKILL');
      }
      const result = await exited;
      qmp?.close();
      return result;
    },
  };
  void exited.then(() => qmp?.close());

  if (options.qmpSocketPath === undefined) return handle;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  try {
    while (qmp === undefined) {
      signal?.throwIfAborted();
      if (exitInfo) throw exitError(program, argv, exitInfo);
      if (Date.now() > deadline) {
        throw new DriverError(
          `${program} did not answer on its QMP socket within ${Math.round((options.readyTimeoutMs ?? 60_000) / 1000)} s`,
          [program, ...argv],
          null,
          null,
          tailLines(stderr),
        );
      }
      try {
        qmp = await QmpClient.connect(options.qmpSocketPath);
      } catch {
        await Promise.race([sleep(50, undefined, { signal }), exited]);
      }
    }
  } catch (error) {
    await handle.kill();
    throw error;
  }
  // QEMU may exit right after accepting (a bind failing late): report that, not a half-started VM.
  if (exitInfo) throw exitError(program, argv, exitInfo);
  return handle;
}

function exitError(program: string, argv: readonly string[], exit: VmExit): DriverError {
  const status =
    exit.code !== null
      ? `exit status ${exit.code}`
      : exit.signal
        ? `signal ${exit.signal}`
        : 'failed to start';
  return new DriverError(
    `${program} exited during start-up (${status})${exit.stderrTail ? `:\n${exit.stderrTail}` : ''}`,
    [program, ...argv],
    exit.code,
    exit.signal,
    exit.stderrTail,
  );
}
