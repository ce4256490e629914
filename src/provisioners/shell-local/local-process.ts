/**
 * Runs one local command with its output streamed, as shell-local's communicator does. The child leads
 * its own process group, so cancelling the build stops the scripts it started too, not just the shell.
 */
import { spawn } from 'node:child_process';

export interface LocalProcessOptions {
  readonly signal: AbortSignal;
  readonly onOutput: (text: string, stream: 'stdout' | 'stderr') => void;
  readonly env?: NodeJS.ProcessEnv;
  /** After SIGTERM on cancel, wait this long before SIGKILL. */
  readonly killGraceMs?: number;
}

export type LocalProcessResult =
  | { readonly started: false; readonly error: Error }
  | { readonly started: true; readonly exitStatus: number; readonly cancelled: boolean };

/** Process groups still running, killed if imgbuild itself exits while they run. */
const live = new Set<number>();
let exitHookInstalled = false;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
}

export function runLocalProcess(
  argv: readonly string[],
  opts: LocalProcessOptions,
): Promise<LocalProcessResult> {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const pid of live) killGroup(pid, 'SIGKILL');
    });
  }
  return new Promise((resolve) => {
    if (opts.signal.aborted) {
      resolve({ started: true, exitStatus: -1, cancelled: true });
      return;
    }
    const child = spawn(argv[0]!, argv.slice(1), {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      env: opts.env ?? process.env,
    });
    let cancelled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      cancelled = true;
      if (child.pid === undefined) return;
      killGroup(child.pid, 'SIGTERM');
      killTimer = setTimeout(() => killGroup(child.pid!, 'SIGKILL'), opts.killGraceMs ?? 3000);
    };
    child.stdout.setEncoding('utf8').on('data', (text: string) => opts.onOutput(text, 'stdout'));
    child.stderr.setEncoding('utf8').on('data', (text: string) => opts.onOutput(text, 'stderr'));
    child.once('spawn', () => {
      live.add(child.pid!);
      opts.signal.addEventListener('abort', onAbort, { once: true });
    });
    child.once('error', (error) => {
      opts.signal.removeEventListener('abort', onAbort);
      if (child.pid === undefined) resolve({ started: false, error });
    });
    child.once('exit', (code) => {
      live.delete(child.pid!);
      opts.signal.removeEventListener('abort', onAbort);
      if (killTimer) clearTimeout(killTimer);
      // Go reports -1 for a child ended by a signal.
      const exitStatus = code ?? -1;
      // Output still in the pipes arrives before 'close'; a background process holding them open does
      // not keep the build waiting for long.
      const grace = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
      }, 2000);
      child.once('close', () => {
        clearTimeout(grace);
        resolve({ started: true, exitStatus, cancelled });
      });
    });
  });
}
